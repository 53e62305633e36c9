package io.spool.broker.group;

import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicStore;
import io.spool.coordinator.TopicLookup;
import io.spool.replication.partition.ReplicaManager;

import java.util.Optional;
import java.util.UUID;

/** The coordinator's view of topics: the registry and the cluster image, both lock-free lookups. */
public final class RegistryTopicLookup implements TopicLookup {
    private final TopicStore topics;
    private final ReplicaManager replicas;

    public RegistryTopicLookup(TopicStore topics, ReplicaManager replicas) {
        this.topics = topics;
        this.replicas = replicas;
    }

    @Override
    public boolean partitionExists(String topic, int partition) {
        return replicas.image().partition(topic, partition).isPresent();
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
