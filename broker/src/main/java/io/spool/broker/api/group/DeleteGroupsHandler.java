package io.spool.broker.api.group;

import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.DeleteGroupsRequest;
import io.spool.wire.message.DeleteGroupsResponse;

import java.util.concurrent.CompletableFuture;

/**
 * DeleteGroups v0-3 (v2 is flexible). Each group is answered on its own: GROUP_ID_NOT_FOUND when
 * there is none, NON_EMPTY_GROUP while it has members; a deleted group's metadata and offsets are
 * tombstoned in __consumer_offsets.
 */
public final class DeleteGroupsHandler extends CoordinatorHandler<DeleteGroupsRequest, DeleteGroupsResponse> {
    public DeleteGroupsHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.DELETE_GROUPS, VersionRange.of(0, 3));
    }

    @Override
    CompletableFuture<DeleteGroupsResponse> serve(RequestInfo info, DeleteGroupsRequest request) {
        return coordinator.deleteGroups(info, request);
    }
}
