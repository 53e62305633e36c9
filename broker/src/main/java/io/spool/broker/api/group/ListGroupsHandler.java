package io.spool.broker.api.group;

import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.ListGroupsRequest;
import io.spool.wire.message.ListGroupsResponse;

import java.util.concurrent.CompletableFuture;

/**
 * ListGroups v0-5: every group this broker coordinates. v3 is flexible; v4 adds the state filter
 * and each group's state (KIP-518); v5 the type filter and each group's type ("classic"; KIP-848).
 * COORDINATOR_LOAD_IN_PROGRESS while a partition of __consumer_offsets is loading.
 */
public final class ListGroupsHandler extends CoordinatorHandler<ListGroupsRequest, ListGroupsResponse> {
    public ListGroupsHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.LIST_GROUPS, VersionRange.of(0, 5));
    }

    @Override
    CompletableFuture<ListGroupsResponse> serve(RequestInfo info, ListGroupsRequest request) {
        return coordinator.listGroups(info, request);
    }
}
