package io.spool.broker.api.group;

import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.JoinGroupRequest;
import io.spool.wire.message.JoinGroupResponse;

import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup v0-9. v0 has no rebalance timeout (the session timeout stands in); from v4 a member
 * without an id is given one and must join again with it (MEMBER_ID_REQUIRED); v5 adds static
 * membership (group.instance.id); v6 is flexible; v7 answers the protocol type and name; v8 adds
 * the reason. The answer is parked until the rebalance ends. An empty group id is
 * INVALID_GROUP_ID, a session timeout outside group.min/max.session.timeout.ms
 * INVALID_SESSION_TIMEOUT.
 */
public final class JoinGroupHandler extends CoordinatorHandler<JoinGroupRequest, JoinGroupResponse> {
    public JoinGroupHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.JOIN_GROUP, VersionRange.of(0, 9));
    }

    @Override
    CompletableFuture<JoinGroupResponse> serve(RequestInfo info, JoinGroupRequest request) {
        return coordinator.joinGroup(info, request);
    }
}
