package io.spool.replication.controller;

import io.spool.log.TopicPartition;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeaderElectionTest {
    private static final PartitionInfo P = new PartitionInfo(new TopicPartition("t", 0), UUID.randomUUID(), List.of(1, 2, 3), Optional.empty());

    private static PartitionState state(int leader, Integer... isr) {
        return new PartitionState(leader, 5, List.of(isr), 1, 3);
    }

    @Test
    void deadLeaderIsReplacedByTheFirstLiveIsrMemberInAssignmentOrder() {
        assertEquals(new Leadership(3, List.of(3)), LeaderElection.next(P, state(1, 1, 3), Set.of(2, 3), Set.of(), false, false));
    }

    @Test
    void outOfSyncReplicaIsNotElectedUnlessUncleanElectionIsAllowed() {
        assertEquals(new Leadership(PartitionState.NO_LEADER, List.of(1)), LeaderElection.next(P, state(1, 1), Set.of(2), Set.of(), false, false));
        assertEquals(new Leadership(2, List.of(2)), LeaderElection.next(P, state(1, 1), Set.of(2), Set.of(), true, false));
    }

    @Test
    void shuttingDownLeaderHandsOverAndLeavesTheIsr() {
        assertEquals(new Leadership(2, List.of(2, 3)), LeaderElection.next(P, state(1, 1, 2, 3), Set.of(1, 2, 3), Set.of(1), false, false));
        assertEquals(new Leadership(1, List.of(1)), LeaderElection.next(P, state(1, 1), Set.of(1, 2, 3), Set.of(1), false, false));
    }

    @Test
    void preferredReplicaTakesBackLeadershipOnlyWhenInSync() {
        assertEquals(new Leadership(1, List.of(2, 1)), LeaderElection.next(P, state(2, 2, 1), Set.of(1, 2, 3), Set.of(), false, true));
        assertEquals(new Leadership(2, List.of(2)), LeaderElection.next(P, state(2, 2), Set.of(1, 2, 3), Set.of(), false, true));
    }

    @Test
    void initialLeaderIsTheFirstLiveReplica() {
        assertEquals(Optional.of(new Leadership(2, List.of(2, 3))), LeaderElection.initial(List.of(1, 2, 3), Set.of(2, 3), Set.of()));
        assertEquals(Optional.empty(), LeaderElection.initial(List.of(1), Set.of(2), Set.of()));
    }
}
