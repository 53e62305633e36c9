package io.spool.replication.controller;

import io.spool.replication.cluster.BrokerInfo;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReplicaAssignmentTest {
    private static List<BrokerInfo> brokers(int n, String... racks) {
        return IntStream.range(0, n).mapToObj(i -> new BrokerInfo(i + 1, List.of(),
                racks.length == 0 ? Optional.empty() : Optional.of(racks[i]))).toList();
    }

    @Test
    void leadersSpreadEvenlyAndReplicasAreDistinct() {
        for (int seed = 0; seed < 20; seed++) {
            List<List<Integer>> a = ReplicaAssignment.assign(6, 3, brokers(3), new Random(seed));
            Map<Integer, Integer> leaders = new HashMap<>();
            for (List<Integer> replicas : a) {
                assertEquals(3, new HashSet<>(replicas).size(), replicas.toString());
                leaders.merge(replicas.get(0), 1, Integer::sum);
            }
            assertEquals(Map.of(1, 2, 2, 2, 3, 2), leaders);
        }
    }

    @Test
    void replicasSpanRacksWhenRacksAreSet() {
        for (int seed = 0; seed < 20; seed++) {
            List<BrokerInfo> brokers = brokers(6, "a", "a", "b", "b", "c", "c");
            Map<Integer, String> rackOf = new HashMap<>();
            brokers.forEach(b -> rackOf.put(b.id(), b.rack().orElseThrow()));
            for (List<Integer> replicas : ReplicaAssignment.assign(12, 3, brokers, new Random(seed))) {
                Set<String> racks = new HashSet<>();
                replicas.forEach(r -> racks.add(rackOf.get(r)));
                assertEquals(3, racks.size(), replicas.toString());
            }
        }
    }

    @Test
    void replicationFactorAboveLiveBrokersIsRefused() {
        assertThrows(InvalidReplicationFactorException.class, () -> ReplicaAssignment.assign(1, 4, brokers(3), new Random(1)));
        assertThrows(InvalidReplicationFactorException.class, () -> ReplicaAssignment.assign(1, 0, brokers(3), new Random(1)));
    }
}
