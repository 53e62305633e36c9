package io.spool.replication.controller;

import io.spool.replication.cluster.BrokerInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Replicas for a new topic's partitions, in the spirit of Kafka's assignment: partition p's first
 * replica (its preferred leader) is broker {@code (start + p) % n}, so leaders spread round-robin
 * from a random start; followers follow at a shift that grows each time the partitions have gone
 * once around the brokers, so the followers of one broker's partitions spread too. With racks, the
 * broker list alternates racks and a follower is taken from a rack not yet used while one remains.
 */
public final class ReplicaAssignment {
    private ReplicaAssignment() {
    }

    /**
     * @throws InvalidReplicationFactorException when the factor is below 1 or above the live brokers
     */
    public static List<List<Integer>> assign(int partitions, int replicationFactor, List<BrokerInfo> liveBrokers, RandomGenerator random) {
        int n = liveBrokers.size();
        if (replicationFactor < 1) {
            throw new InvalidReplicationFactorException("Replication factor must be larger than 0.");
        }
        if (replicationFactor > n) {
            throw new InvalidReplicationFactorException("Replication factor: " + replicationFactor
                    + " larger than available brokers: " + n + ".");
        }
        List<BrokerInfo> ordered = rackAlternating(liveBrokers);
        boolean rackAware = ordered.stream().anyMatch(b -> b.rack().isPresent());
        int start = random.nextInt(n);
        int shift = n == 1 ? 0 : random.nextInt(n - 1);
        List<List<Integer>> result = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            if (p > 0 && p % n == 0) {
                shift++;
            }
            int first = (start + p) % n;
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            Set<String> racksUsed = new HashSet<>();
            replicas.add(ordered.get(first).id());
            ordered.get(first).rack().ifPresent(racksUsed::add);
            int racks = (int) ordered.stream().map(b -> b.rack().orElse("")).distinct().count();
            for (int j = 0; replicas.size() < replicationFactor; j++) {
                int candidate = (first + 1 + (shift + j) % (n - 1)) % n;
                BrokerInfo b = ordered.get(candidate);
                if (replicas.contains(b.id())) {
                    continue;
                }
                String rack = b.rack().orElse("");
                boolean rackFree = !rackAware || racksUsed.size() >= racks || !racksUsed.contains(rack);
                if (!rackFree && j < 2 * n) {
                    continue;
                }
                replicas.add(b.id());
                racksUsed.add(rack);
                if (racksUsed.size() >= racks) {
                    racksUsed.clear();
                }
            }
            result.add(replicas);
        }
        return result;
    }

    /** Brokers sorted by id, interleaved across racks (r1, r2, r3, r1, ...) when racks are set. */
    static List<BrokerInfo> rackAlternating(List<BrokerInfo> brokers) {
        List<BrokerInfo> sorted = new ArrayList<>(brokers);
        sorted.sort(Comparator.comparingInt(BrokerInfo::id));
        if (sorted.stream().noneMatch(b -> b.rack().isPresent())) {
            return sorted;
        }
        Map<String, List<BrokerInfo>> byRack = new LinkedHashMap<>();
        for (BrokerInfo b : sorted) {
            byRack.computeIfAbsent(b.rack().orElse(""), r -> new ArrayList<>()).add(b);
        }
        List<BrokerInfo> result = new ArrayList<>();
        for (int i = 0; result.size() < sorted.size(); i++) {
            for (List<BrokerInfo> rack : byRack.values()) {
                if (i < rack.size()) {
                    result.add(rack.get(i));
                }
            }
        }
        return result;
    }
}
