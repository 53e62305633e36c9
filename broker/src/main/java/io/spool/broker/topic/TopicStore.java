package io.spool.broker.topic;

import io.spool.broker.meta.KafkaUuid;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.controller.ReplicaAssignment;
import io.spool.replication.zk.MetadataCache;
import io.spool.replication.zk.TopicAssignment;
import io.spool.replication.zk.ZkMetadataStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Registered topics: reads come from the latest metadata image (lock-free), writes go to
 * ZooKeeper and block on the network (call them off the event loops). A written topic shows up in
 * the image a moment later, through the watches.
 */
public final class TopicStore {
    private final ZkMetadataStore store;
    private final MetadataCache metadata;
    private final RandomGenerator random;

    public TopicStore(ZkMetadataStore store, MetadataCache metadata, RandomGenerator random) {
        this.store = store;
        this.metadata = metadata;
        this.random = random;
    }

    public Collection<Topic> topics() {
        return metadata.image().topics().values().stream().map(TopicStore::topic).toList();
    }

    public Optional<Topic> byName(String name) {
        return metadata.image().topic(name).map(TopicStore::topic);
    }

    public Optional<Topic> byId(UUID id) {
        return metadata.image().topic(id).map(TopicStore::topic);
    }

    /**
     * Replicas for a new topic over the live brokers (leaders spread, racks honoured).
     *
     * @throws io.spool.replication.controller.InvalidReplicationFactorException when the factor exceeds the live brokers
     */
    public List<List<Integer>> assign(int partitionCount, int replicationFactor) {
        return ReplicaAssignment.assign(partitionCount, replicationFactor, List.copyOf(metadata.image().brokers().values()), random);
    }

    /** Registers a new topic with a fresh id and the given replicas per partition; throws when the name (or a colliding one) exists. */
    public Topic create(String name, List<List<Integer>> assignment, Map<String, String> configs) throws TopicExistsException {
        ClusterImage image = metadata.image();
        String key = TopicNames.collisionKey(name);
        for (String existing : image.topics().keySet()) {
            if (existing.equals(name)) {
                throw new TopicExistsException("Topic '" + name + "' already exists.");
            }
            if (TopicNames.collisionKey(existing).equals(key)) {
                throw new TopicExistsException("Topic '" + name + "' collides with existing topic '" + existing
                        + "' ('.' and '_' are treated alike)");
            }
        }
        UUID id;
        do {
            id = KafkaUuid.random(random);
        } while (image.topicsById().containsKey(id));
        if (!store.createTopic(name, new TopicAssignment(id, assignment), configs)) {
            throw new TopicExistsException("Topic '" + name + "' already exists.");
        }
        return new Topic(name, id, assignment.size(), configs);
    }

    /** Asks the controller to delete the topic; returns it, or empty when there was none. */
    public Optional<Topic> delete(String name) {
        Optional<Topic> topic = byName(name);
        topic.ifPresent(t -> store.requestTopicDeletion(name));
        return topic;
    }

    /** Replaces the topic's config overrides. */
    public void setConfigs(String name, Map<String, String> configs) {
        store.setTopicConfig(name, configs);
    }

    private static Topic topic(TopicInfo info) {
        return new Topic(info.name(), info.id(), info.partitionCount(), info.configs());
    }
}
