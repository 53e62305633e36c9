package io.spool.coordinator.group;

import io.spool.coordinator.CoordinatorError;
import io.spool.coordinator.GroupCoordinatorConfig;
import io.spool.coordinator.RequestInfo;
import io.spool.coordinator.storage.AppendErrors;
import io.spool.wire.message.JoinGroupRequest;
import io.spool.wire.message.JoinGroupResponse;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup: a new member (given an id, and from v4 on asked to come back with it, KIP-394), a
 * known member rejoining, or a static member (KIP-345) restarting under a new id. The answer is
 * parked until the join phase ends unless the request can be answered at once.
 */
public final class JoinGroupFlow {
    private static final System.Logger LOG = System.getLogger(JoinGroupFlow.class.getName());
    /** From this version on a member without an id gets one and must join again with it. */
    private static final short MEMBER_ID_REQUIRED_VERSION = 4;
    /** From this version on a restarted static leader is sent the members with SkipAssignment. */
    private static final short SKIP_ASSIGNMENT_VERSION = 9;

    private final Groups groups;
    private final Rebalancer rebalancer;

    public JoinGroupFlow(Groups groups, Rebalancer rebalancer) {
        this.groups = groups;
        this.rebalancer = rebalancer;
    }

    /** The request's fields as the flow uses them. */
    private record Join(short version, String memberId, String groupInstanceId, String clientId, String clientHost,
                        int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                        List<GroupMember.Protocol> protocols, CompletableFuture<JoinGroupResponse> response) {
        static Join of(RequestInfo info, JoinGroupRequest request) {
            List<GroupMember.Protocol> protocols = new ArrayList<>(request.protocols().size());
            for (JoinGroupRequest.JoinGroupRequestProtocol p : request.protocols()) {
                protocols.add(new GroupMember.Protocol(p.name(), p.metadata()));
            }
            // v0 has no rebalance timeout: the session timeout stands in for it.
            int rebalanceTimeout = info.version() == 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
            return new Join(info.version(), request.memberId(), request.groupInstanceId(), info.clientId(),
                    info.clientHost(), request.sessionTimeoutMs(), rebalanceTimeout, request.protocolType(), protocols,
                    new CompletableFuture<>());
        }

        void fail(String memberId, CoordinatorError error) {
            response.complete(Responses.joinError(memberId, error));
        }
    }

    public CompletableFuture<JoinGroupResponse> join(RequestInfo info, JoinGroupRequest request) {
        Join join = Join.of(info, request);
        GroupCoordinatorConfig config = groups.config();
        if (join.sessionTimeoutMs < config.minSessionTimeoutMs() || join.sessionTimeoutMs > config.maxSessionTimeoutMs()) {
            join.fail(join.memberId, CoordinatorError.INVALID_SESSION_TIMEOUT);
            return join.response;
        }
        boolean unknownMember = join.memberId.isEmpty();
        ClassicGroup group = groups.get(request.groupId());
        boolean created = false;
        if (group == null) {
            if (!unknownMember) {
                join.fail(join.memberId, CoordinatorError.UNKNOWN_MEMBER_ID);
                return join.response;
            }
            group = groups.getOrCreate(request.groupId());
            created = true;
        }
        if (!acceptsJoiningMember(group, join.memberId)) {
            refuseOverMaxSize(group, join.memberId);
            join.fail("", CoordinatorError.GROUP_MAX_SIZE_REACHED);
        } else if (!group.supportsProtocols(join.protocolType, join.protocols)) {
            join.fail(join.memberId, CoordinatorError.INCONSISTENT_GROUP_PROTOCOL);
        } else if (unknownMember) {
            joinNewMember(group, join);
        } else {
            joinKnownMember(group, join);
        }
        if (created && group.isEmpty() && !group.hasPendingMembers()) {
            groups.remove(group); // a refused first join leaves no group behind
        }
        return join.response;
    }

    /**
     * {@code group.max.size}: while preparing, joins are counted by members that have rejoined
     * (so a lowered limit sheds the last to rejoin); otherwise by members.
     */
    private boolean acceptsJoiningMember(ClassicGroup group, String memberId) {
        int max = groups.config().maxGroupSize();
        switch (group.state()) {
            case PREPARING_REBALANCE: {
                GroupMember member = group.member(memberId);
                return (member != null && member.isAwaitingJoin()) || group.awaitingJoinCount() < max;
            }
            case COMPLETING_REBALANCE:
            case STABLE:
                return group.hasMember(memberId) || group.size() < max;
            default:
                return true;
        }
    }

    private void refuseOverMaxSize(ClassicGroup group, String memberId) {
        GroupMember member = group.member(memberId);
        if (member != null) {
            rebalancer.detach(group, member);
            rebalancer.maybeCompleteJoinPhase(group);
        } else if (group.isPendingMember(memberId)) {
            rebalancer.removePendingMember(group, memberId);
        }
    }

    private void joinNewMember(ClassicGroup group, Join join) {
        String prefix = join.groupInstanceId != null ? join.groupInstanceId : join.clientId;
        String newMemberId = prefix + "-" + UUID.randomUUID();
        if (join.groupInstanceId != null) {
            String existing = group.staticMemberId(join.groupInstanceId);
            if (existing != null) {
                rejoinStaticMember(group, join, existing, newMemberId);
            } else {
                addMember(group, join, newMemberId);
            }
        } else if (join.version >= MEMBER_ID_REQUIRED_VERSION) {
            group.addPendingMember(newMemberId);
            rebalancer.scheduleMemberTimer(group, newMemberId, join.sessionTimeoutMs);
            join.fail(newMemberId, CoordinatorError.MEMBER_ID_REQUIRED);
        } else {
            addMember(group, join, newMemberId);
        }
    }

    private void joinKnownMember(ClassicGroup group, Join join) {
        String memberId = join.memberId;
        if (join.groupInstanceId == null && group.isPendingMember(memberId)) {
            addMember(group, join, memberId); // the second join of KIP-394
            return;
        }
        CoordinatorError error = group.validateMember(memberId, join.groupInstanceId);
        if (error != CoordinatorError.NONE) {
            join.fail(memberId, error);
            return;
        }
        GroupMember member = group.member(memberId);
        switch (group.state()) {
            case PREPARING_REBALANCE:
                updateMember(group, member, join, "member " + memberId + " rejoined");
                break;
            case COMPLETING_REBALANCE:
                if (member.offersSame(join.protocols)) {
                    // It missed its JoinGroup answer: send the current generation again.
                    join.response.complete(Responses.joined(group, memberId, group.isLeader(memberId),
                            group.leaderId(), false));
                } else {
                    updateMember(group, member, join, "member " + memberId + " changed its protocols");
                }
                break;
            case STABLE:
                if (group.isLeader(memberId) || !member.offersSame(join.protocols)) {
                    // A leader rejoining asks for a rebalance (e.g. its topics' metadata changed).
                    updateMember(group, member, join, "member " + memberId + " rejoined a stable group");
                } else {
                    join.response.complete(Responses.joined(group, memberId, false, group.leaderId(), false));
                }
                break;
            default:
                join.fail(memberId, CoordinatorError.UNKNOWN_MEMBER_ID);
        }
    }

    private void addMember(ClassicGroup group, Join join, String memberId) {
        GroupMember member = new GroupMember(memberId, join.groupInstanceId, join.clientId, join.clientHost,
                join.rebalanceTimeoutMs, join.sessionTimeoutMs, join.protocolType, join.protocols);
        member.setNew(true);
        if (group.inInitialJoinDelay()) {
            group.setNewMemberAdded(true);
        }
        member.awaitJoin(join.response);
        group.add(member);
        // A new member cannot heartbeat while its JoinGroup is parked, and a client that gave up on
        // it would leave a defunct member behind: it gets the new-member join timeout instead.
        rebalancer.scheduleMemberTimer(group, memberId, GroupCoordinatorConfig.NEW_MEMBER_JOIN_TIMEOUT_MS);
        rebalancer.maybePrepareRebalanceOrCompleteJoin(group, "new member " + memberId + " joined");
    }

    private void updateMember(ClassicGroup group, GroupMember member, Join join, String reason) {
        member.update(join.protocols, join.rebalanceTimeoutMs, join.sessionTimeoutMs);
        // A client sends one JoinGroup at a time; an older parked one was abandoned by it.
        member.completeJoin(Responses.joinError(member.memberId(), CoordinatorError.REBALANCE_IN_PROGRESS));
        member.awaitJoin(join.response);
        rebalancer.maybePrepareRebalanceOrCompleteJoin(group, reason);
    }

    /**
     * A static member restarted: it takes over its old member id's place under a new id. A stable
     * group whose protocol choice stays the same keeps its assignment and skips the rebalance;
     * only the new member id is stored.
     */
    private void rejoinStaticMember(ClassicGroup group, Join join, String oldMemberId, String newMemberId) {
        String previousLeader = group.leaderId();
        GroupMember member = group.replaceStaticMember(join.groupInstanceId, oldMemberId, newMemberId);
        rebalancer.cancelMemberTimer(group, oldMemberId);
        rebalancer.scheduleSession(group, member);
        List<GroupMember.Protocol> oldProtocols = member.protocols();
        int oldRebalanceTimeout = member.rebalanceTimeoutMs();
        int oldSessionTimeout = member.sessionTimeoutMs();
        member.update(join.protocols, join.rebalanceTimeoutMs, join.sessionTimeoutMs);
        member.awaitJoin(join.response);
        switch (group.state()) {
            case STABLE:
                if (Objects.equals(group.protocolName(), group.selectProtocol())) {
                    groups.store(group, group.toRecord()).whenComplete((ok, failure) -> {
                        if (failure == null) {
                            answerRestartedStaticMember(group, member, join.version, previousLeader);
                        } else {
                            revertStaticRejoin(group, member, join.groupInstanceId, oldMemberId, oldProtocols,
                                    oldRebalanceTimeout, oldSessionTimeout, previousLeader, failure);
                        }
                    });
                } else {
                    rebalancer.prepareRebalance(group, "static member " + join.groupInstanceId
                            + " rejoined with protocols that change the group's choice");
                }
                break;
            case COMPLETING_REBALANCE:
                // The leader may be assigning to the old member id; only a new rebalance is consistent.
                rebalancer.prepareRebalance(group, "static member " + join.groupInstanceId + " rejoined during sync");
                break;
            case PREPARING_REBALANCE:
                rebalancer.maybeCompleteJoinPhase(group);
                break;
            default:
                throw new IllegalStateException("group " + group.groupId() + " has static members in state " + group.state());
        }
    }

    /**
     * Before v9 the answer names the previous leader id, so a restarted leader does not run a
     * pointless assignment a stable group would not hand out; from v9 the leader gets the members
     * with SkipAssignment set.
     */
    private static void answerRestartedStaticMember(ClassicGroup group, GroupMember member, short version,
                                                    String previousLeader) {
        if (version >= SKIP_ASSIGNMENT_VERSION) {
            boolean leader = group.isLeader(member.memberId());
            member.completeJoin(Responses.joined(group, member.memberId(), leader, group.leaderId(), leader));
        } else {
            member.completeJoin(Responses.joined(group, member.memberId(), false, previousLeader, false));
        }
    }

    private void revertStaticRejoin(ClassicGroup group, GroupMember member, String groupInstanceId, String oldMemberId,
                                    List<GroupMember.Protocol> oldProtocols, int oldRebalanceTimeout,
                                    int oldSessionTimeout, String previousLeader, Throwable failure) {
        CoordinatorError error = AppendErrors.forGroupMetadata(failure);
        LOG.log(Level.WARNING, "Group {0}: could not store the new member id of static member {1}: {2}",
                group.groupId(), groupInstanceId, failure.toString());
        member.completeJoin(Responses.joined(group, "", false, previousLeader, false).setErrorCode(error.code()));
        if (group.member(member.memberId()) == member) {
            member.update(oldProtocols, oldRebalanceTimeout, oldSessionTimeout);
            GroupMember restored = group.replaceStaticMember(groupInstanceId, member.memberId(), oldMemberId);
            rebalancer.cancelMemberTimer(group, member.memberId());
            rebalancer.scheduleSession(group, restored);
        }
    }
}
