package io.spool.replication.zk;

import io.spool.log.TopicPartition;
import io.spool.replication.cluster.ClusterImage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole metadata tree as the controller needs it: the cluster image plus the pending requests
 * (brokers shutting down, topics to delete, preferred-leader elections by request znode) and the
 * broker config overrides by broker id or {@code <default>}.
 */
public record MetadataSnapshot(ClusterImage image, Set<Integer> shuttingDown, Set<String> topicsToDelete,
                               Map<String, List<TopicPartition>> electionRequests, Map<String, Map<String, String>> brokerConfigs) {
    public MetadataSnapshot {
        shuttingDown = Set.copyOf(shuttingDown);
        topicsToDelete = Set.copyOf(topicsToDelete);
        electionRequests = Map.copyOf(electionRequests);
        brokerConfigs = Map.copyOf(brokerConfigs);
    }

    /** A broker config of {@code brokerId}, else the cluster-wide default override, else empty. */
    public String brokerConfig(int brokerId, String key) {
        Map<String, String> own = brokerConfigs.getOrDefault(Integer.toString(brokerId), Map.of());
        return own.containsKey(key) ? own.get(key) : brokerConfigs.getOrDefault(ZkPaths.DEFAULT_BROKER_CONFIG, Map.of()).get(key);
    }
}
