package io.spool.broker.api.group;

import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.OffsetDeleteRequest;
import io.spool.wire.message.OffsetDeleteResponse;

import java.util.concurrent.CompletableFuture;

/**
 * OffsetDelete v0 (kafka-consumer-groups --delete-offsets). An unknown group is
 * GROUP_ID_NOT_FOUND; a group with members keeps the offsets of topics it subscribes to
 * (GROUP_SUBSCRIBED_TO_TOPIC per partition), and a non-consumer group with members refuses
 * (NON_EMPTY_GROUP).
 */
public final class OffsetDeleteHandler extends CoordinatorHandler<OffsetDeleteRequest, OffsetDeleteResponse> {
    public OffsetDeleteHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.OFFSET_DELETE, VersionRange.of(0, 0));
    }

    @Override
    CompletableFuture<OffsetDeleteResponse> serve(RequestInfo info, OffsetDeleteRequest request) {
        return coordinator.deleteOffsets(info, request);
    }
}
