package io.spool.coordinator.group;

import io.spool.coordinator.CoordinatorError;
import io.spool.coordinator.runtime.DeadlineTimer;
import io.spool.wire.message.SyncGroupResponse;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/**
 * The phases of a rebalance and the timers that end them: preparing (members rejoin, bounded by the
 * rebalance timeout, or for a group that was Empty by {@code group.initial.rebalance.delay.ms}
 * extended while members keep arriving), completing (the leader's assignment, bounded by the
 * rebalance timeout for the members' SyncGroups), and member removal on session expiry.
 */
public final class Rebalancer {
    private static final System.Logger LOG = System.getLogger(Rebalancer.class.getName());

    private final Groups groups;
    private final DeadlineTimer timer;

    public Rebalancer(Groups groups) {
        this.groups = groups;
        this.timer = groups.timer();
    }

    // ---- member timers ----

    /** Restarts the member's session: it is removed unless it heartbeats within its session timeout. */
    void scheduleSession(ClassicGroup group, GroupMember member) {
        scheduleMemberTimer(group, member.memberId(), member.sessionTimeoutMs());
    }

    /** Arms the member's timer (its session, a new member's join timeout, or a pending member's second join). */
    void scheduleMemberTimer(ClassicGroup group, String memberId, long timeoutMs) {
        String groupId = group.groupId();
        timer.schedule(TimerKey.member(groupId, memberId), groups.now() + timeoutMs,
                () -> onMemberTimeout(groupId, memberId));
    }

    void cancelMemberTimer(ClassicGroup group, String memberId) {
        timer.cancel(TimerKey.member(group.groupId(), memberId));
    }

    private void onMemberTimeout(String groupId, String memberId) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return;
        }
        if (group.isPendingMember(memberId)) {
            LOG.log(Level.INFO, "Group {0}: pending member {1} did not rejoin within its session timeout", groupId, memberId);
            removePendingMember(group, memberId);
            return;
        }
        GroupMember member = group.member(memberId);
        if (member != null && !member.heartbeatExcused()) {
            removeMember(group, member, "member " + memberId + " timed out");
        }
    }

    // ---- the join phase ----

    /**
     * Moves a group into PreparingRebalance: members parked in SyncGroup are told to rejoin, and
     * the join phase is timed. A group that was Empty waits the initial delay first, so that
     * members starting together land in one generation.
     */
    void prepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            resetAndPropagateAssignment(group, CoordinatorError.REBALANCE_IN_PROGRESS);
        }
        timer.cancel(TimerKey.sync(group.groupId()));
        group.pendingSyncMembers().clear();
        boolean wasEmpty = group.is(GroupState.EMPTY);
        group.transitionTo(GroupState.PREPARING_REBALANCE, groups.now());
        LOG.log(Level.INFO, "Group {0} preparing to rebalance in generation {1}: {2}", group.groupId(),
                group.generationId(), reason);
        int initialDelay = groups.config().initialRebalanceDelayMs();
        if (wasEmpty && initialDelay > 0) {
            scheduleInitialJoin(group, initialDelay, Math.max(group.rebalanceTimeoutMs() - initialDelay, 0));
        } else {
            completeJoinOrWait(group);
        }
    }

    /** Starts a rebalance if the group's state allows one, else completes the join phase if everyone is in. */
    void maybePrepareRebalanceOrCompleteJoin(ClassicGroup group, String reason) {
        if (GroupState.PREPARING_REBALANCE.canFollow(group.state())) {
            prepareRebalance(group, reason);
        } else {
            maybeCompleteJoinPhase(group);
        }
    }

    /** Ends the join phase early once every member has rejoined (never during the initial delay). */
    void maybeCompleteJoinPhase(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && !group.inInitialJoinDelay() && group.allMembersJoined()) {
            completeJoin(group);
        }
    }

    private void scheduleInitialJoin(ClassicGroup group, int delayMs, int remainingMs) {
        group.setInInitialJoinDelay(true);
        String groupId = group.groupId();
        timer.schedule(TimerKey.join(groupId), groups.now() + delayMs,
                () -> onInitialDelayOver(groupId, delayMs, remainingMs));
    }

    private void onInitialDelayOver(String groupId, int delayMs, int remainingMs) {
        ClassicGroup group = groups.get(groupId);
        if (group == null || !group.is(GroupState.PREPARING_REBALANCE)) {
            return;
        }
        if (group.newMemberAdded() && remainingMs > 0) {
            group.setNewMemberAdded(false);
            scheduleInitialJoin(group, Math.min(groups.config().initialRebalanceDelayMs(), remainingMs),
                    Math.max(remainingMs - delayMs, 0));
        } else {
            completeJoin(group);
        }
    }

    private void completeJoinOrWait(ClassicGroup group) {
        if (group.allMembersJoined()) {
            completeJoin(group);
        } else {
            scheduleJoinTimeout(group);
        }
    }

    private void scheduleJoinTimeout(ClassicGroup group) {
        String groupId = group.groupId();
        timer.schedule(TimerKey.join(groupId), groups.now() + group.rebalanceTimeoutMs(), () -> {
            ClassicGroup current = groups.get(groupId);
            if (current != null && current.is(GroupState.PREPARING_REBALANCE)) {
                completeJoin(current);
            }
        });
    }

    /**
     * Ends the join phase: dynamic members that did not rejoin are dropped (static ones keep their
     * place until their session expires), the next generation starts, and every parked JoinGroup
     * is answered; the leader's answer lists the members and their metadata.
     */
    private void completeJoin(ClassicGroup group) {
        timer.cancel(TimerKey.join(group.groupId()));
        group.setInInitialJoinDelay(false);
        for (GroupMember member : group.notYetRejoined()) {
            if (!member.isStatic()) {
                detach(group, member);
            }
        }
        if (!group.electJoinedLeader() && !group.isEmpty()) {
            LOG.log(Level.WARNING, "Group {0}: no member rejoined; waiting for their sessions to expire", group.groupId());
            scheduleJoinTimeout(group);
            return;
        }
        group.initNextGeneration(groups.now());
        if (group.is(GroupState.EMPTY)) {
            LOG.log(Level.INFO, "Group {0} is empty in generation {1}", group.groupId(), group.generationId());
            groups.store(group, group.toRecord(Map.of())).whenComplete((ok, failure) -> {
                if (failure != null) {
                    // Safe to lose: an empty generation has no members that could act on it.
                    LOG.log(Level.WARNING, "Group {0}: could not store its empty generation: {1}", group.groupId(),
                            failure.toString());
                }
            });
            return;
        }
        LOG.log(Level.INFO, "Group {0} starts generation {1} with protocol {2} and {3} members", group.groupId(),
                group.generationId(), group.protocolName(), group.size());
        for (GroupMember member : group.members()) {
            boolean leader = group.isLeader(member.memberId());
            member.completeJoin(Responses.joined(group, member.memberId(), leader, group.leaderId(), false));
            member.setNew(false);
            scheduleSession(group, member);
        }
        String groupId = group.groupId();
        int generation = group.generationId();
        timer.schedule(TimerKey.sync(groupId), groups.now() + group.rebalanceTimeoutMs(),
                () -> onSyncTimeout(groupId, generation));
    }

    // ---- the sync phase ----

    /** Members that never sent SyncGroup in their generation are removed, and the group rebalances without them. */
    private void onSyncTimeout(String groupId, int generation) {
        ClassicGroup group = groups.get(groupId);
        if (group == null || group.generationId() != generation || group.pendingSyncMembers().isEmpty()
                || !(group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.STABLE))) {
            return;
        }
        List<String> missing = List.copyOf(group.pendingSyncMembers());
        for (String memberId : missing) {
            detach(group, group.member(memberId));
        }
        prepareRebalance(group, "members " + missing + " did not sync in time");
    }

    /** Notes a member's SyncGroup; once every member has synced the sync timeout is dropped. */
    void removePendingSync(ClassicGroup group, String memberId) {
        if (group.pendingSyncMembers().remove(memberId) && group.pendingSyncMembers().isEmpty()) {
            timer.cancel(TimerKey.sync(group.groupId()));
        }
    }

    /** Gives every member its part of the leader's assignment and answers the parked SyncGroups. */
    void setAndPropagateAssignment(ClassicGroup group, Map<String, byte[]> assignment) {
        for (GroupMember member : group.members()) {
            member.setAssignment(assignment.get(member.memberId()));
        }
        propagate(group, CoordinatorError.NONE);
    }

    /** Clears the assignments and answers the parked SyncGroups with {@code error}. */
    void resetAndPropagateAssignment(ClassicGroup group, CoordinatorError error) {
        for (GroupMember member : group.members()) {
            member.setAssignment(GroupMember.NO_ASSIGNMENT);
        }
        propagate(group, error);
    }

    private void propagate(ClassicGroup group, CoordinatorError error) {
        for (GroupMember member : group.members()) {
            SyncGroupResponse response = error == CoordinatorError.NONE
                    ? Responses.synced(group, member.assignment()) : Responses.syncError(error);
            if (member.completeSync(response)) {
                // Its session was excused while it waited; from now on it must heartbeat again.
                scheduleSession(group, member);
            }
        }
    }

    // ---- removal ----

    /**
     * Takes a member out of the group without starting a rebalance: its parked requests are
     * answered with UNKNOWN_MEMBER_ID (a live client rejoins) and its timer is dropped.
     */
    void detach(ClassicGroup group, GroupMember member) {
        member.completeJoin(Responses.joinError("", CoordinatorError.UNKNOWN_MEMBER_ID));
        member.completeSync(Responses.syncError(CoordinatorError.UNKNOWN_MEMBER_ID));
        cancelMemberTimer(group, member.memberId());
        group.remove(member.memberId());
    }

    /** Removes an expired or evicted member and rebalances the rest. */
    void removeMember(ClassicGroup group, GroupMember member, String reason) {
        detach(group, member);
        LOG.log(Level.INFO, "Group {0}: removed {1}: {2}", group.groupId(), member.memberId(), reason);
        if (group.is(GroupState.STABLE) || group.is(GroupState.COMPLETING_REBALANCE)) {
            prepareRebalance(group, reason);
        } else if (group.is(GroupState.PREPARING_REBALANCE) && group.allMembersJoined()) {
            completeJoin(group);
        }
    }

    /** Drops a KIP-394 member that got its id but never joined with it. */
    void removePendingMember(ClassicGroup group, String memberId) {
        group.remove(memberId);
        cancelMemberTimer(group, memberId);
        maybeCompleteJoinPhase(group);
    }

    // ---- partition load and unload ----

    /** Starts the sessions of a group's members after the partition is loaded (they must heartbeat to this node now). */
    public void onLoaded(ClassicGroup group) {
        for (GroupMember member : group.members()) {
            scheduleSession(group, member);
        }
        if (group.size() > groups.config().maxGroupSize()) {
            prepareRebalance(group, "the group has more members than group.max.size");
        }
    }

    /** This node is no longer the group's coordinator: parked requests are told so and the group is dead here. */
    public void onUnloaded(ClassicGroup group) {
        for (GroupMember member : group.members()) {
            member.completeJoin(Responses.joinError(member.memberId(), CoordinatorError.NOT_COORDINATOR));
            member.completeSync(Responses.syncError(CoordinatorError.NOT_COORDINATOR));
        }
        group.transitionTo(GroupState.DEAD, groups.now());
    }
}
