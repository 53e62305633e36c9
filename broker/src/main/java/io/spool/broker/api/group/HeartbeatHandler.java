package io.spool.broker.api.group;

import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.HeartbeatRequest;
import io.spool.wire.message.HeartbeatResponse;

import java.util.concurrent.CompletableFuture;

/**
 * Heartbeat v0-4. v3 adds group.instance.id, v4 is flexible. REBALANCE_IN_PROGRESS tells a member
 * to rejoin; a heartbeat to a group whose partition is still loading is answered NONE, as Kafka does.
 */
public final class HeartbeatHandler extends CoordinatorHandler<HeartbeatRequest, HeartbeatResponse> {
    public HeartbeatHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.HEARTBEAT, VersionRange.of(0, 4));
    }

    @Override
    CompletableFuture<HeartbeatResponse> serve(RequestInfo info, HeartbeatRequest request) {
        return coordinator.heartbeat(info, request);
    }
}
