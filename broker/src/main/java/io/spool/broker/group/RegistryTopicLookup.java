package io.spool.broker.group;

import io.spool.broker.partition.PartitionManager;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicStore;
import io.spool.coordinator.TopicLookup;

import java.util.Optional;
import java.util.UUID;

/** The coordinator's view of topics: the registry and the hosted partitions, both lock-free lookups. */
public final class RegistryTopicLookup implements TopicLookup {
    private final TopicStore topics;
    private final PartitionManager partitions;

    public RegistryTopicLookup(TopicStore topics, PartitionManager partitions) {
        this.topics = topics;
        this.partitions = partitions;
    }

    @Override
    public boolean partitionExists(String topic, int partition) {
        return partitions.get(topic, partition).isPresent();
    }

    @Override
    public Optional<String> topicName(UUID topicId) {
        return topics.byId(topicId).map(Topic::name);
    }

    @Override
    public Optional<UUID> topicId(String topic) {
        return topics.byName(topic).map(Topic::id);
    }
}
