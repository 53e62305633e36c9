package io.spool.coordinator.group;

import io.spool.coordinator.CoordinatorError;
import io.spool.wire.message.LeaveGroupRequest;
import io.spool.wire.message.LeaveGroupResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * LeaveGroup: members leave (v0-2 one member by id; v3+ a batch, where an admin may name static
 * members by instance id alone) and the group rebalances without them.
 */
public final class LeaveGroupFlow {
    private final Groups groups;
    private final Rebalancer rebalancer;

    public LeaveGroupFlow(Groups groups, Rebalancer rebalancer) {
        this.groups = groups;
        this.rebalancer = rebalancer;
    }

    /** The members leaving, as v3+ lists them (a v0-2 request's single member id becomes one entry). */
    public static List<LeaveGroupRequest.MemberIdentity> leaving(LeaveGroupRequest request, short version) {
        return version >= 3 ? request.members()
                : List.of(new LeaveGroupRequest.MemberIdentity().setMemberId(request.memberId()));
    }

    /** Each leaving member's outcome; the caller shapes them into the response of its version. */
    public List<LeaveGroupResponse.MemberResponse> leave(String groupId, List<LeaveGroupRequest.MemberIdentity> leaving) {
        ClassicGroup group = groups.get(groupId);
        List<LeaveGroupResponse.MemberResponse> results = new ArrayList<>(leaving.size());
        boolean anyLeft = false;
        for (LeaveGroupRequest.MemberIdentity identity : leaving) {
            CoordinatorError error = group == null ? CoordinatorError.UNKNOWN_MEMBER_ID : leaveOne(group, identity);
            anyLeft |= error == CoordinatorError.NONE;
            results.add(new LeaveGroupResponse.MemberResponse().setMemberId(identity.memberId())
                    .setGroupInstanceId(identity.groupInstanceId()).setErrorCode(error.code()));
        }
        if (anyLeft) {
            if (group.is(GroupState.STABLE) || group.is(GroupState.COMPLETING_REBALANCE)) {
                rebalancer.prepareRebalance(group, "members left the group");
            } else {
                rebalancer.maybeCompleteJoinPhase(group);
            }
        }
        return results;
    }

    private CoordinatorError leaveOne(ClassicGroup group, LeaveGroupRequest.MemberIdentity identity) {
        String memberId = identity.memberId();
        String instanceId = identity.groupInstanceId();
        if (memberId.isEmpty()) {
            String current = instanceId == null ? null : group.staticMemberId(instanceId);
            if (current == null) {
                return CoordinatorError.UNKNOWN_MEMBER_ID;
            }
            rebalancer.detach(group, group.member(current));
            return CoordinatorError.NONE;
        }
        if (group.isPendingMember(memberId)) {
            group.remove(memberId);
            rebalancer.cancelMemberTimer(group, memberId);
            return CoordinatorError.NONE;
        }
        CoordinatorError error = group.validateMember(memberId, instanceId);
        if (error == CoordinatorError.NONE) {
            rebalancer.detach(group, group.member(memberId));
        }
        return error;
    }
}
