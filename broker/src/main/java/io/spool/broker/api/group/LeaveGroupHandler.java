package io.spool.broker.api.group;

import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.LeaveGroupRequest;
import io.spool.wire.message.LeaveGroupResponse;

import java.util.concurrent.CompletableFuture;

/**
 * LeaveGroup v0-5. v0-2 name one member; from v3 a batch of members (dynamic by member id or
 * static by group.instance.id, as Admin.removeMembersFromConsumerGroup sends them), each answered
 * on its own; v4 is flexible; v5 adds each member's reason.
 */
public final class LeaveGroupHandler extends CoordinatorHandler<LeaveGroupRequest, LeaveGroupResponse> {
    public LeaveGroupHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.LEAVE_GROUP, VersionRange.of(0, 5));
    }

    @Override
    CompletableFuture<LeaveGroupResponse> serve(RequestInfo info, LeaveGroupRequest request) {
        return coordinator.leaveGroup(info, request);
    }
}
