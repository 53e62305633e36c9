package io.spool.broker.api.group;

import io.spool.broker.api.Errors;
import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.SyncGroupRequest;
import io.spool.wire.message.SyncGroupResponse;

import java.util.concurrent.CompletableFuture;

/**
 * SyncGroup v0-5. v3 adds group.instance.id, v4 is flexible, v5 carries the protocol type and
 * name, which are then mandatory: a v5 request without them is INCONSISTENT_GROUP_PROTOCOL, as
 * Kafka decides before the coordinator sees it. Followers' answers wait for the leader's
 * assignment to be stored in __consumer_offsets.
 */
public final class SyncGroupHandler extends CoordinatorHandler<SyncGroupRequest, SyncGroupResponse> {
    private static final short PROTOCOL_REQUIRED_VERSION = 5;

    public SyncGroupHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.SYNC_GROUP, VersionRange.of(0, 5));
    }

    @Override
    CompletableFuture<SyncGroupResponse> serve(RequestInfo info, SyncGroupRequest request) {
        if (info.version() >= PROTOCOL_REQUIRED_VERSION && (request.protocolType() == null || request.protocolName() == null)) {
            return CompletableFuture.completedFuture(new SyncGroupResponse().setErrorCode(Errors.INCONSISTENT_GROUP_PROTOCOL.code()));
        }
        return coordinator.syncGroup(info, request);
    }
}
