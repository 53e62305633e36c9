package io.spool.coordinator.group;

import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.SyncGroupResponse;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a classic group: who it is, the protocols it offers with their metadata, its
 * assignment, and the JoinGroup or SyncGroup response it is waiting for, if any.
 */
public final class GroupMember {
    static final byte[] NO_ASSIGNMENT = new byte[0];

    /** A protocol a member supports, with the metadata it sends for it (a consumer's subscription). */
    public record Protocol(String name, byte[] metadata) {
        boolean sameAs(Protocol other) {
            return name.equals(other.name) && Arrays.equals(metadata, other.metadata);
        }
    }

    private final String memberId;
    private final String groupInstanceId;
    private final String clientId;
    private final String clientHost;
    private final String protocolType;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private List<Protocol> protocols;
    private byte[] assignment = NO_ASSIGNMENT;
    private CompletableFuture<JoinGroupResponse> awaitingJoin;
    private CompletableFuture<SyncGroupResponse> awaitingSync;
    private boolean isNew;

    GroupMember(String memberId, String groupInstanceId, String clientId, String clientHost, int rebalanceTimeoutMs,
                int sessionTimeoutMs, String protocolType, List<Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocolType = protocolType;
        this.protocols = List.copyOf(protocols);
    }

    /** The same member under a new member id: a static member that restarted. */
    GroupMember withMemberId(String newMemberId) {
        GroupMember copy = new GroupMember(newMemberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs,
                sessionTimeoutMs, protocolType, protocols);
        copy.assignment = assignment;
        return copy;
    }

    public String memberId() {
        return memberId;
    }

    /** The {@code group.instance.id} of a static member, or null. */
    public String groupInstanceId() {
        return groupInstanceId;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    public String clientId() {
        return clientId;
    }

    public String clientHost() {
        return clientHost;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    String protocolType() {
        return protocolType;
    }

    List<Protocol> protocols() {
        return protocols;
    }

    /** Takes the protocols and timeouts of a new JoinGroup from this member. */
    void update(List<Protocol> newProtocols, int newRebalanceTimeoutMs, int newSessionTimeoutMs) {
        this.protocols = List.copyOf(newProtocols);
        this.rebalanceTimeoutMs = newRebalanceTimeoutMs;
        this.sessionTimeoutMs = newSessionTimeoutMs;
    }

    /** Whether {@code other} lists the same protocols with the same metadata in the same order. */
    boolean offersSame(List<Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!protocols.get(i).sameAs(other.get(i))) {
                return false;
            }
        }
        return true;
    }

    boolean supports(String protocolName) {
        return metadata(protocolName) != null;
    }

    /** The member's metadata for a protocol, or null if it does not offer it. */
    public byte[] metadata(String protocolName) {
        for (Protocol p : protocols) {
            if (p.name().equals(protocolName)) {
                return p.metadata();
            }
        }
        return null;
    }

    /** The member's most preferred protocol among {@code candidates}. */
    String vote(Set<String> candidates) {
        for (Protocol p : protocols) {
            if (candidates.contains(p.name())) {
                return p.name();
            }
        }
        throw new IllegalStateException("member " + memberId + " supports none of " + candidates);
    }

    public byte[] assignment() {
        return assignment;
    }

    void setAssignment(byte[] assignment) {
        this.assignment = assignment == null ? NO_ASSIGNMENT : assignment;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    void awaitJoin(CompletableFuture<JoinGroupResponse> future) {
        this.awaitingJoin = future;
    }

    void awaitSync(CompletableFuture<SyncGroupResponse> future) {
        this.awaitingSync = future;
    }

    /** Answers the member's pending JoinGroup, if any; true if there was one. */
    boolean completeJoin(JoinGroupResponse response) {
        CompletableFuture<JoinGroupResponse> future = awaitingJoin;
        awaitingJoin = null;
        return future != null && future.complete(response);
    }

    /** Answers the member's pending SyncGroup, if any; true if there was one. */
    boolean completeSync(SyncGroupResponse response) {
        CompletableFuture<SyncGroupResponse> future = awaitingSync;
        awaitingSync = null;
        return future != null && future.complete(response);
    }

    /** A member added in the current rebalance that has not yet had a JoinGroup answered. */
    boolean isNew() {
        return isNew;
    }

    void setNew(boolean isNew) {
        this.isNew = isNew;
    }

    /**
     * Whether a lapsed heartbeat deadline is excused: members parked in a JoinGroup or SyncGroup
     * cannot heartbeat, so only the rebalance and sync timeouts bound them; new members are the
     * exception, bounded by the new-member join timeout instead.
     */
    boolean heartbeatExcused() {
        return !isNew && (isAwaitingJoin() || isAwaitingSync());
    }
}
