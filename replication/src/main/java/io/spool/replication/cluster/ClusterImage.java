package io.spool.replication.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An immutable snapshot of the cluster metadata: the cluster id, the current controller
 * ({@link #NO_CONTROLLER} during an election), the live brokers by id and the topics by name.
 * A new image is published whenever anything in it changes; readers hold whichever one they got.
 */
public record ClusterImage(String clusterId, int controllerId, Map<Integer, BrokerInfo> brokers, Map<String, TopicInfo> topics,
                           Map<UUID, TopicInfo> topicsById) {
    public static final int NO_CONTROLLER = -1;

    public ClusterImage {
        brokers = Map.copyOf(brokers);
        topics = Map.copyOf(topics);
        topicsById = Map.copyOf(topicsById);
    }

    public Optional<TopicInfo> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    public Optional<TopicInfo> topic(UUID id) {
        return Optional.ofNullable(topicsById.get(id));
    }

    public Optional<PartitionInfo> partition(String topic, int index) {
        TopicInfo t = topics.get(topic);
        return t == null || index < 0 || index >= t.partitionCount() ? Optional.empty() : Optional.of(t.partitions().get(index));
    }

    public boolean isAlive(int brokerId) {
        return brokers.containsKey(brokerId);
    }
}
