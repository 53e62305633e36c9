package io.spool.broker.partition;

import io.spool.broker.topic.PartitionLifecycle;
import io.spool.broker.topic.Topic;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The hosted partitions by topic name and topic id; lookups are lock-free for the request path. */
public final class PartitionManager implements PartitionLifecycle {
    private final Map<String, Partition[]> byName = new ConcurrentHashMap<>();
    private final Map<UUID, Partition[]> byId = new ConcurrentHashMap<>();

    @Override
    public void create(Topic topic) {
        Partition[] partitions = new Partition[topic.partitionCount()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new Partition(topic.name(), topic.id(), i);
        }
        byId.put(topic.id(), partitions);
        byName.put(topic.name(), partitions);
    }

    @Override
    public void delete(Topic topic) {
        byName.remove(topic.name());
        byId.remove(topic.id());
    }

    /** The partition, or empty when the topic or the partition index does not exist here. */
    public Optional<Partition> get(String topic, int index) {
        return select(byName.get(topic), index);
    }

    public Optional<Partition> get(UUID topicId, int index) {
        return select(byId.get(topicId), index);
    }

    private static Optional<Partition> select(Partition[] partitions, int index) {
        return partitions == null || index < 0 || index >= partitions.length ? Optional.empty() : Optional.of(partitions[index]);
    }
}
