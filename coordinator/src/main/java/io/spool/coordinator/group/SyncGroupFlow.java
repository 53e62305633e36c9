package io.spool.coordinator.group;

import io.spool.coordinator.CoordinatorError;
import io.spool.coordinator.storage.AppendErrors;
import io.spool.wire.message.SyncGroupRequest;
import io.spool.wire.message.SyncGroupResponse;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SyncGroup: members collect their assignment. While the group completes its rebalance the answers
 * are parked until the leader's assignment is stored in {@code __consumer_offsets}; then every
 * member gets its part and the group is Stable. A stable group answers at once.
 */
public final class SyncGroupFlow {
    private static final System.Logger LOG = System.getLogger(SyncGroupFlow.class.getName());

    private final Groups groups;
    private final Rebalancer rebalancer;

    public SyncGroupFlow(Groups groups, Rebalancer rebalancer) {
        this.groups = groups;
        this.rebalancer = rebalancer;
    }

    public CompletableFuture<SyncGroupResponse> sync(SyncGroupRequest request) {
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            return done(CoordinatorError.UNKNOWN_MEMBER_ID);
        }
        CoordinatorError error = group.validateMember(request.memberId(), request.groupInstanceId());
        if (error != CoordinatorError.NONE) {
            return done(error);
        }
        if (request.generationId() != group.generationId()) {
            return done(CoordinatorError.ILLEGAL_GENERATION);
        }
        if (differs(request.protocolType(), group.protocolType()) || differs(request.protocolName(), group.protocolName())) {
            return done(CoordinatorError.INCONSISTENT_GROUP_PROTOCOL);
        }
        GroupMember member = group.member(request.memberId());
        switch (group.state()) {
            case PREPARING_REBALANCE:
                return done(CoordinatorError.REBALANCE_IN_PROGRESS);
            case COMPLETING_REBALANCE: {
                CompletableFuture<SyncGroupResponse> response = new CompletableFuture<>();
                member.completeSync(Responses.syncError(CoordinatorError.REBALANCE_IN_PROGRESS)); // an abandoned earlier one
                member.awaitSync(response);
                rebalancer.removePendingSync(group, member.memberId());
                if (group.isLeader(member.memberId())) {
                    storeAssignment(group, request);
                }
                return response;
            }
            case STABLE:
                rebalancer.removePendingSync(group, member.memberId());
                return CompletableFuture.completedFuture(Responses.synced(group, member.assignment()));
            default:
                return done(CoordinatorError.UNKNOWN_MEMBER_ID);
        }
    }

    /** Stores the leader's assignment (members it left out get an empty one), then hands it out. */
    private void storeAssignment(ClassicGroup group, SyncGroupRequest request) {
        Map<String, byte[]> assignment = new HashMap<>();
        for (SyncGroupRequest.SyncGroupRequestAssignment a : request.assignments()) {
            assignment.put(a.memberId(), a.assignment());
        }
        for (GroupMember m : group.members()) {
            if (!assignment.containsKey(m.memberId())) {
                LOG.log(Level.WARNING, "Group {0}: the leader assigned nothing to {1}", group.groupId(), m.memberId());
                assignment.put(m.memberId(), GroupMember.NO_ASSIGNMENT);
            }
        }
        int generation = group.generationId();
        groups.store(group, group.toRecord(assignment)).whenComplete((ok, failure) -> {
            // A member may have joined or left while the record was written: then a new rebalance
            // is under way and this assignment is stale.
            if (!group.is(GroupState.COMPLETING_REBALANCE) || group.generationId() != generation) {
                return;
            }
            if (failure == null) {
                rebalancer.setAndPropagateAssignment(group, assignment);
                group.transitionTo(GroupState.STABLE, groups.now());
            } else {
                CoordinatorError error = AppendErrors.forGroupMetadata(failure);
                LOG.log(Level.WARNING, "Group {0}: could not store the assignment of generation {1}: {2}",
                        group.groupId(), generation, failure.toString());
                rebalancer.resetAndPropagateAssignment(group, error);
                rebalancer.maybePrepareRebalanceOrCompleteJoin(group, "storing the assignment failed");
            }
        });
    }

    /** SyncGroup v5 sends the protocol type and name it believes in; both must match when given. */
    private static boolean differs(String requested, String actual) {
        return requested != null && actual != null && !requested.equals(actual);
    }

    private static CompletableFuture<SyncGroupResponse> done(CoordinatorError error) {
        return CompletableFuture.completedFuture(Responses.syncError(error));
    }
}
