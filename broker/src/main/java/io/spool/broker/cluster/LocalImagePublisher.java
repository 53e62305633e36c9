package io.spool.broker.cluster;

import io.spool.broker.config.Endpoint;
import io.spool.broker.topic.PartitionLifecycle;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicStore;
import io.spool.log.TopicPartition;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.ClusterImageListener;
import io.spool.replication.cluster.IsrUpdater;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster image of a broker without ZooKeeper metadata: this broker alone, leading every
 * registered topic's partitions in epoch {@link LocalCluster#PARTITION_LEADER_EPOCH} with itself as
 * the whole ISR. Published again whenever a topic is created or deleted, so the replicas follow
 * the topic store exactly as they follow ZooKeeper in a cluster. With no followers the ISR never
 * changes, so its {@link IsrUpdater} refuses every update.
 */
public final class LocalImagePublisher implements PartitionLifecycle {
    /** A single broker has no followers to drop or take back: every ISR change is refused. */
    public static final IsrUpdater NO_ISR_CHANGES = (tp, current, newIsr) -> CompletableFuture.completedFuture(Optional.empty());

    private final TopicStore store;
    private final String clusterId;
    private final int nodeId;
    private final List<Endpoint> endpoints;
    private final ClusterImageListener listener;
    private ClusterImage current;

    public LocalImagePublisher(TopicStore store, String clusterId, int nodeId, List<Endpoint> endpoints, ClusterImageListener listener) {
        this.store = store;
        this.clusterId = clusterId;
        this.nodeId = nodeId;
        this.endpoints = List.copyOf(endpoints);
        this.listener = listener;
        this.current = new ClusterImage(clusterId, ClusterImage.NO_CONTROLLER, Map.of(), Map.of(), Map.of());
    }

    /** Publishes the image of the registered topics. */
    public synchronized void publish() {
        List<BrokerEndpoint> advertised = new ArrayList<>(endpoints.size());
        for (Endpoint e : endpoints) {
            advertised.add(new BrokerEndpoint(e.listenerName(), "PLAINTEXT", e.host(), e.port()));
        }
        Map<String, TopicInfo> byName = new HashMap<>();
        Map<UUID, TopicInfo> byId = new HashMap<>();
        for (Topic topic : store.topics()) {
            List<PartitionInfo> partitions = new ArrayList<>(topic.partitionCount());
            for (int i = 0; i < topic.partitionCount(); i++) {
                PartitionState state = new PartitionState(nodeId, LocalCluster.PARTITION_LEADER_EPOCH, List.of(nodeId), 0, 0);
                partitions.add(new PartitionInfo(new TopicPartition(topic.name(), i), topic.id(), List.of(nodeId), Optional.of(state)));
            }
            TopicInfo info = new TopicInfo(topic.name(), topic.id(), topic.configs(), partitions);
            byName.put(topic.name(), info);
            byId.put(topic.id(), info);
        }
        ClusterImage previous = current;
        current = new ClusterImage(clusterId, nodeId, Map.of(nodeId, new BrokerInfo(nodeId, advertised, Optional.empty())), byName, byId);
        listener.onImage(previous, current);
    }

    @Override
    public void create(Topic topic) {
        publish();
    }

    @Override
    public void delete(Topic topic) {
        publish();
    }
}
