package io.spool.coordinator.group;

import io.spool.coordinator.CoordinatorError;
import io.spool.wire.message.HeartbeatRequest;
import io.spool.wire.message.HeartbeatResponse;

/** Heartbeat: keeps a member's session alive and tells it when the group is rebalancing. */
public final class HeartbeatFlow {
    private final Groups groups;
    private final Rebalancer rebalancer;

    public HeartbeatFlow(Groups groups, Rebalancer rebalancer) {
        this.groups = groups;
        this.rebalancer = rebalancer;
    }

    public HeartbeatResponse heartbeat(HeartbeatRequest request) {
        return new HeartbeatResponse().setErrorCode(check(request).code());
    }

    private CoordinatorError check(HeartbeatRequest request) {
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            return CoordinatorError.UNKNOWN_MEMBER_ID;
        }
        CoordinatorError error = group.validateMember(request.memberId(), request.groupInstanceId());
        if (error != CoordinatorError.NONE) {
            return error;
        }
        if (request.generationId() != group.generationId()) {
            return CoordinatorError.ILLEGAL_GENERATION;
        }
        rebalancer.scheduleSession(group, group.member(request.memberId()));
        // Heartbeats right after a JoinGroup answer (CompletingRebalance) are ordinary ones.
        return group.is(GroupState.PREPARING_REBALANCE) ? CoordinatorError.REBALANCE_IN_PROGRESS : CoordinatorError.NONE;
    }
}
