package io.spool.coordinator.group;

import io.spool.coordinator.CoordinatorError;
import io.spool.coordinator.records.GroupMetadataValue;
import io.spool.wire.message.JoinGroupResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one classic group: its members (with those still to complete a KIP-394 join and
 * those the sync phase still waits for), generation, protocol type and chosen protocol, leader and
 * state. Pure bookkeeping: the rules of the protocol live in {@link Rebalancer} and the request flows.
 */
public final class ClassicGroup {
    private final String groupId;
    private GroupState state = GroupState.EMPTY;
    private GroupState previousState = GroupState.EMPTY;
    /** When the group entered its state; -1 when unknown (a group loaded from an old record). */
    private long stateTimestampMs;
    private int generationId;
    /** Null for a group that has never had members: a "simple" group that only stores offsets. */
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final Map<String, GroupMember> members = new LinkedHashMap<>();
    private final Set<String> pendingMembers = new HashSet<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private final Set<String> pendingSyncMembers = new HashSet<>();
    private boolean newMemberAdded;
    private boolean inInitialJoinDelay;
    /** The topics the members subscribe to (consumer groups), or null when unknown. */
    private Set<String> subscribedTopics = Set.of();

    ClassicGroup(String groupId, long nowMs) {
        this.groupId = groupId;
        this.stateTimestampMs = nowMs;
    }

    public String groupId() {
        return groupId;
    }

    public GroupState state() {
        return state;
    }

    GroupState previousState() {
        return previousState;
    }

    public boolean is(GroupState s) {
        return state == s;
    }

    /** When the group entered its current state, or -1 if unknown. */
    public long stateTimestampMs() {
        return stateTimestampMs;
    }

    void transitionTo(GroupState next, long nowMs) {
        if (!next.canFollow(state)) {
            throw new IllegalStateException("group " + groupId + " cannot move from " + state + " to " + next);
        }
        previousState = state;
        state = next;
        stateTimestampMs = nowMs;
    }

    public int generationId() {
        return generationId;
    }

    /** The protocol type ("consumer", "connect", ...), or null for a group that never had members. */
    public String protocolType() {
        return protocolType;
    }

    /** The protocol chosen for the current generation, or null. */
    public String protocolName() {
        return protocolName;
    }

    /** Whether the group runs Kafka's consumer protocol (so its members' metadata are subscriptions). */
    public boolean isConsumerGroup() {
        return ConsumerSubscriptions.PROTOCOL_TYPE.equals(protocolType);
    }

    String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    // ---- members ----

    public Collection<GroupMember> members() {
        return members.values();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    int size() {
        return members.size();
    }

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    /** The member id a static member currently has, or null. */
    String staticMemberId(String groupInstanceId) {
        return staticMembers.get(groupInstanceId);
    }

    /** Adds a member; the first member of a group becomes its leader and fixes its protocol type. */
    void add(GroupMember member) {
        if (members.isEmpty()) {
            protocolType = member.protocolType();
        }
        members.put(member.memberId(), member);
        pendingMembers.remove(member.memberId());
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        if (leaderId == null) {
            leaderId = member.memberId();
        }
    }

    /** Removes a member (or a pending one); a removed leader is succeeded by the oldest remaining member. */
    void remove(String memberId) {
        pendingMembers.remove(memberId);
        pendingSyncMembers.remove(memberId);
        GroupMember removed = members.remove(memberId);
        if (removed == null) {
            return;
        }
        if (removed.isStatic()) {
            staticMembers.remove(removed.groupInstanceId(), memberId);
        }
        if (isLeader(memberId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /**
     * Gives a static member a new member id (it restarted and joined without its old one). The old
     * incarnation's parked requests are answered with FENCED_INSTANCE_ID.
     */
    GroupMember replaceStaticMember(String groupInstanceId, String oldMemberId, String newMemberId) {
        GroupMember old = members.remove(oldMemberId);
        if (old == null) {
            throw new IllegalStateException("static member " + groupInstanceId + " has no member " + oldMemberId);
        }
        old.completeJoin(Responses.joinError(oldMemberId, CoordinatorError.FENCED_INSTANCE_ID));
        old.completeSync(Responses.syncError(CoordinatorError.FENCED_INSTANCE_ID));
        GroupMember replacement = old.withMemberId(newMemberId);
        members.put(newMemberId, replacement);
        staticMembers.put(groupInstanceId, newMemberId);
        if (pendingSyncMembers.remove(oldMemberId)) {
            pendingSyncMembers.add(newMemberId);
        }
        if (isLeader(oldMemberId)) {
            leaderId = newMemberId;
        }
        return replacement;
    }

    /**
     * Makes sure the leader is among the members that rejoined, picking the oldest of them if the
     * old leader did not; false if no member rejoined.
     */
    boolean electJoinedLeader() {
        GroupMember leader = leaderId == null ? null : members.get(leaderId);
        if (leader != null && leader.isAwaitingJoin()) {
            return true;
        }
        for (GroupMember m : members.values()) {
            if (m.isAwaitingJoin()) {
                leaderId = m.memberId();
                return true;
            }
        }
        return false;
    }

    /**
     * Checks a request's member identity: a static member's instance id must map to this member id
     * (FENCED_INSTANCE_ID if another incarnation holds it), and the member must belong to the group.
     */
    CoordinatorError validateMember(String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = staticMembers.get(groupInstanceId);
            if (current == null) {
                return CoordinatorError.UNKNOWN_MEMBER_ID;
            }
            if (!current.equals(memberId)) {
                return CoordinatorError.FENCED_INSTANCE_ID;
            }
        }
        return members.containsKey(memberId) ? CoordinatorError.NONE : CoordinatorError.UNKNOWN_MEMBER_ID;
    }

    void addPendingMember(String memberId) {
        pendingMembers.add(memberId);
    }

    boolean isPendingMember(String memberId) {
        return pendingMembers.contains(memberId);
    }

    /** Whether a KIP-394 member got an id and is expected back with it. */
    public boolean hasPendingMembers() {
        return !pendingMembers.isEmpty();
    }

    int awaitingJoinCount() {
        int n = 0;
        for (GroupMember m : members.values()) {
            if (m.isAwaitingJoin()) {
                n++;
            }
        }
        return n;
    }

    /** Every member has rejoined and no KIP-394 join is still to come. */
    boolean allMembersJoined() {
        return awaitingJoinCount() == members.size() && pendingMembers.isEmpty();
    }

    List<GroupMember> notYetRejoined() {
        List<GroupMember> out = new ArrayList<>();
        for (GroupMember m : members.values()) {
            if (!m.isAwaitingJoin()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The longest rebalance timeout among the members: how long a rebalance may wait for them. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (GroupMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs());
        }
        return max;
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void setNewMemberAdded(boolean added) {
        this.newMemberAdded = added;
    }

    /** Whether the join phase of a group that was Empty is still in its initial delay, waiting for more members. */
    boolean inInitialJoinDelay() {
        return inInitialJoinDelay;
    }

    void setInInitialJoinDelay(boolean delaying) {
        this.inInitialJoinDelay = delaying;
    }

    Set<String> pendingSyncMembers() {
        return pendingSyncMembers;
    }

    // ---- protocols ----

    /**
     * Whether a member offering {@code protocols} of {@code type} may join: an empty group takes
     * any non-empty offer; otherwise the type must match and one protocol must be supported by
     * every current member.
     */
    boolean supportsProtocols(String type, List<GroupMember.Protocol> protocols) {
        if (state == GroupState.EMPTY) {
            return !type.isEmpty() && !protocols.isEmpty();
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        for (GroupMember.Protocol p : protocols) {
            if (members.values().stream().allMatch(m -> m.supports(p.name()))) {
                return true;
            }
        }
        return false;
    }

    /** The protocol the members would agree on now. */
    String selectProtocol() {
        return ProtocolSelection.select(members.values(), leaderId);
    }

    /**
     * Starts the next generation: with members it picks the protocol and awaits their syncs
     * (CompletingRebalance), without members it becomes Empty.
     */
    void initNextGeneration(long nowMs) {
        generationId++;
        pendingSyncMembers.clear();
        if (members.isEmpty()) {
            protocolName = null;
            subscribedTopics = Set.of();
            transitionTo(GroupState.EMPTY, nowMs);
        } else {
            protocolName = selectProtocol();
            subscribedTopics = isConsumerGroup() ? ConsumerSubscriptions.topics(members.values(), protocolName) : null;
            pendingSyncMembers.addAll(members.keySet());
            transitionTo(GroupState.COMPLETING_REBALANCE, nowMs);
        }
    }

    /**
     * Checks an OffsetCommit's member identity and generation. Generation -1 without a member id
     * is a consumer outside group management (or an admin), accepted while the group is Empty.
     * Commits by the current generation are accepted while it prepares a rebalance (eager
     * consumers commit before rejoining) but not while the new generation awaits its assignment.
     */
    public CoordinatorError validateOffsetCommit(String memberId, String groupInstanceId, int generation) {
        if (generation < 0 && state == GroupState.EMPTY) {
            return CoordinatorError.NONE;
        }
        if (generation >= 0 || !memberId.isEmpty() || groupInstanceId != null) {
            CoordinatorError error = validateMember(memberId, groupInstanceId);
            if (error != CoordinatorError.NONE) {
                return error;
            }
            if (generation != generationId) {
                return CoordinatorError.ILLEGAL_GENERATION;
            }
        } else if (state != GroupState.EMPTY) {
            return CoordinatorError.UNKNOWN_MEMBER_ID;
        }
        return state == GroupState.COMPLETING_REBALANCE ? CoordinatorError.REBALANCE_IN_PROGRESS : CoordinatorError.NONE;
    }

    /** Whether the members may be consuming {@code topic}; true when their subscriptions are unknown. */
    public boolean isSubscribedTo(String topic) {
        return subscribedTopics == null || subscribedTopics.contains(topic);
    }

    /** The members as the leader's JoinGroup response lists them, with their metadata for the chosen protocol. */
    List<JoinGroupResponse.JoinGroupResponseMember> joinResponseMembers() {
        List<JoinGroupResponse.JoinGroupResponseMember> out = new ArrayList<>(members.size());
        for (GroupMember m : members.values()) {
            out.add(new JoinGroupResponse.JoinGroupResponseMember().setMemberId(m.memberId())
                    .setGroupInstanceId(m.groupInstanceId()).setMetadata(m.metadata(protocolName)));
        }
        return out;
    }

    // ---- records ----

    /** The group's metadata record with the given assignment per member id (Kafka's value v3 fields). */
    GroupMetadataValue toRecord(Map<String, byte[]> assignment) {
        List<GroupMetadataValue.MemberMetadata> records = new ArrayList<>(members.size());
        for (GroupMember m : members.values()) {
            byte[] assigned = assignment.get(m.memberId());
            records.add(new GroupMetadataValue.MemberMetadata().setMemberId(m.memberId())
                    .setGroupInstanceId(m.groupInstanceId()).setClientId(m.clientId()).setClientHost(m.clientHost())
                    .setRebalanceTimeout(m.rebalanceTimeoutMs()).setSessionTimeout(m.sessionTimeoutMs())
                    .setSubscription(m.metadata(protocolName))
                    .setAssignment(assigned == null ? GroupMember.NO_ASSIGNMENT : assigned));
        }
        return new GroupMetadataValue().setProtocolType(protocolType == null ? "" : protocolType)
                .setGeneration(generationId).setProtocol(protocolName).setLeader(leaderId)
                .setCurrentStateTimestamp(stateTimestampMs).setMembers(records);
    }

    /** The record with each member's current assignment. */
    GroupMetadataValue toRecord() {
        Map<String, byte[]> assignment = new HashMap<>();
        for (GroupMember m : members.values()) {
            assignment.put(m.memberId(), m.assignment());
        }
        return toRecord(assignment);
    }

    /**
     * Rebuilds a group from its latest metadata record: Stable with its members, or Empty. Members
     * keep only the chosen protocol's metadata, which is all the record holds.
     */
    static ClassicGroup fromRecord(String groupId, GroupMetadataValue value) {
        ClassicGroup group = new ClassicGroup(groupId, value.currentStateTimestamp());
        group.generationId = value.generation();
        group.protocolType = value.protocolType().isEmpty() ? null : value.protocolType();
        group.protocolName = value.protocol();
        for (GroupMetadataValue.MemberMetadata m : value.members()) {
            int rebalanceTimeout = m.rebalanceTimeout() < 0 ? m.sessionTimeout() : m.rebalanceTimeout();
            GroupMember member = new GroupMember(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                    rebalanceTimeout, m.sessionTimeout(), group.protocolType,
                    List.of(new GroupMember.Protocol(value.protocol(), m.subscription())));
            member.setAssignment(m.assignment());
            group.members.put(member.memberId(), member);
            if (member.isStatic()) {
                group.staticMembers.put(member.groupInstanceId(), member.memberId());
            }
        }
        if (!group.members.isEmpty()) {
            group.leaderId = value.leader() != null && group.members.containsKey(value.leader())
                    ? value.leader() : group.members.keySet().iterator().next();
            group.state = GroupState.STABLE;
            group.previousState = GroupState.COMPLETING_REBALANCE;
            group.subscribedTopics = group.isConsumerGroup()
                    ? ConsumerSubscriptions.topics(group.members.values(), group.protocolName) : null;
        }
        return group;
    }
}
