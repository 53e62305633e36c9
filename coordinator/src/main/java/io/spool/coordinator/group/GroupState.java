package io.spool.coordinator.group;

import java.util.EnumSet;
import java.util.Set;

/** The states of a classic group, named as Kafka's DescribeGroups and ListGroups show them. */
public enum GroupState {
    /** No members; offsets may remain until they expire. */
    EMPTY("Empty"),
    /** Members are (re)joining; JoinGroup responses are held until all have joined or the rebalance times out. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** Members know the new generation; the leader's assignment is awaited. */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Every member has its assignment. */
    STABLE("Stable"),
    /** Removed (deleted, expired, or its partition unloaded); requests that still see it are told to find the coordinator again. */
    DEAD("Dead");

    static {
        EMPTY.from = EnumSet.of(PREPARING_REBALANCE);
        PREPARING_REBALANCE.from = EnumSet.of(STABLE, COMPLETING_REBALANCE, EMPTY);
        COMPLETING_REBALANCE.from = EnumSet.of(PREPARING_REBALANCE);
        STABLE.from = EnumSet.of(COMPLETING_REBALANCE);
        DEAD.from = EnumSet.allOf(GroupState.class);
    }

    private final String displayName;
    private Set<GroupState> from;

    GroupState(String displayName) {
        this.displayName = displayName;
    }

    /** The name Kafka's protocol and tools use, e.g. "PreparingRebalance". */
    public String displayName() {
        return displayName;
    }

    /** Whether a group may move into this state from {@code previous}. */
    public boolean canFollow(GroupState previous) {
        return from.contains(previous);
    }
}
