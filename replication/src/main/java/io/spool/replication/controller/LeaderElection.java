package io.spool.replication.controller;

import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a partition's leadership should be, given which brokers are alive and which are shutting
 * down. Leaders come from the live ISR in assignment order (the preferred replica first); the ISR
 * loses dead members but never its last one, so when every in-sync replica is down the partition
 * waits for one of them (unless unclean election is allowed).
 */
public final class LeaderElection {
    private LeaderElection() {
    }

    /** The first leadership of a new partition: the first live replica leads, all live replicas are in sync; empty when none is alive. */
    public static Optional<Leadership> initial(List<Integer> replicas, Set<Integer> live, Set<Integer> shuttingDown) {
        List<Integer> alive = replicas.stream().filter(live::contains).toList();
        if (alive.isEmpty()) {
            return Optional.empty();
        }
        int leader = alive.stream().filter(r -> !shuttingDown.contains(r)).findFirst().orElse(alive.get(0));
        return Optional.of(new Leadership(leader, alive));
    }

    /**
     * The leadership the partition should have.
     *
     * @param preferred move the leader to the preferred replica when that one is alive and in sync
     */
    public static Leadership next(PartitionInfo partition, PartitionState state, Set<Integer> live, Set<Integer> shuttingDown,
                                  boolean uncleanAllowed, boolean preferred) {
        List<Integer> liveIsr = state.isr().stream().filter(live::contains).toList();
        int leader = state.leader();
        boolean leaderUsable = leader != PartitionState.NO_LEADER && live.contains(leader) && !shuttingDown.contains(leader);
        int preferredReplica = partition.replicas().isEmpty() ? PartitionState.NO_LEADER : partition.replicas().get(0);
        boolean movePreferred = preferred && leaderUsable && leader != preferredReplica && liveIsr.contains(preferredReplica)
                && !shuttingDown.contains(preferredReplica);
        if (leaderUsable && !movePreferred) {
            return new Leadership(leader, withoutShuttingDown(liveIsr, shuttingDown, leader));
        }
        if (movePreferred) {
            return new Leadership(preferredReplica, liveIsr);
        }
        for (int replica : partition.replicas()) {
            if (liveIsr.contains(replica) && !shuttingDown.contains(replica)) {
                return new Leadership(replica, withoutShuttingDown(liveIsr, shuttingDown, replica));
            }
        }
        if (leader != PartitionState.NO_LEADER && live.contains(leader)) {
            // Shutting down, but no other in-sync replica can take over: it keeps leading.
            return new Leadership(leader, liveIsr);
        }
        if (uncleanAllowed) {
            for (int replica : partition.replicas()) {
                if (live.contains(replica) && !shuttingDown.contains(replica)) {
                    return new Leadership(replica, List.of(replica));
                }
            }
        }
        return new Leadership(PartitionState.NO_LEADER, liveIsr.isEmpty() ? state.isr() : liveIsr);
    }

    private static List<Integer> withoutShuttingDown(List<Integer> isr, Set<Integer> shuttingDown, int leader) {
        List<Integer> result = new ArrayList<>();
        for (int r : isr) {
            if (r == leader || !shuttingDown.contains(r)) {
                result.add(r);
            }
        }
        if (!result.contains(leader)) {
            result.add(0, leader);
        }
        return result;
    }
}
