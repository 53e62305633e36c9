package io.spool.coordinator.group;

/** Names a group's timers: one per member (heartbeat or pending join) and one per group and phase. */
record TimerKey(Kind kind, String groupId, String memberId) {
    enum Kind {
        /** A member's session, or the wait for a KIP-394 member's second JoinGroup. */
        MEMBER,
        /** The end of the join phase: initial delay or rebalance timeout. */
        JOIN,
        /** The end of the sync phase: members that never sent SyncGroup are removed. */
        SYNC
    }

    static TimerKey member(String groupId, String memberId) {
        return new TimerKey(Kind.MEMBER, groupId, memberId);
    }

    static TimerKey join(String groupId) {
        return new TimerKey(Kind.JOIN, groupId, null);
    }

    static TimerKey sync(String groupId) {
        return new TimerKey(Kind.SYNC, groupId, null);
    }
}
