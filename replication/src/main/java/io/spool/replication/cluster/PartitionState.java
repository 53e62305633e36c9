package io.spool.replication.cluster;

import java.util.List;

/**
 * Leadership of one partition as stored in ZooKeeper: the leader ({@link #NO_LEADER} when none of
 * its replicas can lead), the leader epoch (bumped by every leader change), the in-sync replicas,
 * the epoch of the controller that last elected a leader, and the znode version that conditional
 * updates compare against.
 */
public record PartitionState(int leader, int leaderEpoch, List<Integer> isr, int controllerEpoch, int version) {
    public static final int NO_LEADER = -1;

    public PartitionState {
        isr = List.copyOf(isr);
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }
}
