package io.spool.replication.zk;

import io.spool.log.TopicPartition;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;
import org.apache.zookeeper.data.Stat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the znodes of the metadata tree (path to data and stat) into a {@link MetadataSnapshot}.
 * A znode that cannot be read is left out and logged, so one bad write cannot stop every broker.
 */
public final class ImageBuilder {
    private static final System.Logger LOG = System.getLogger(ImageBuilder.class.getName());

    /** One znode's content and version. */
    public record Node(byte[] data, int version) {
        public static Node of(byte[] data, Stat stat) {
            return new Node(data, stat == null ? 0 : stat.getVersion());
        }
    }

    private ImageBuilder() {
    }

    public static MetadataSnapshot build(Map<String, Node> tree) {
        String clusterId = Optional.ofNullable(tree.get(ZkPaths.CLUSTER_ID)).map(n -> ZkText.string(n.data())).orElse("");
        int controller = ClusterImage.NO_CONTROLLER;
        Node controllerNode = tree.get(ZkPaths.CONTROLLER);
        if (controllerNode != null) {
            try {
                controller = ZkCodec.parseController(controllerNode.data());
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "Unreadable " + ZkPaths.CONTROLLER + ": " + e.getMessage());
            }
        }
        Map<Integer, BrokerInfo> brokers = new HashMap<>();
        Map<String, TopicAssignment> assignments = new HashMap<>();
        Set<Integer> shuttingDown = new HashSet<>();
        Set<String> deletions = new HashSet<>();
        Map<String, List<TopicPartition>> elections = new HashMap<>();
        Map<String, Map<String, String>> brokerConfigs = new HashMap<>();
        for (Map.Entry<String, Node> e : tree.entrySet()) {
            String path = e.getKey();
            String parent = path.substring(0, Math.max(0, path.lastIndexOf('/')));
            String name = ZkPaths.name(path);
            try {
                switch (parent) {
                    case ZkPaths.BROKER_IDS -> brokers.put(Integer.parseInt(name), ZkCodec.parseBroker(Integer.parseInt(name), e.getValue().data()));
                    case ZkPaths.TOPICS -> assignments.put(name, ZkCodec.parseTopic(e.getValue().data()));
                    case ZkPaths.CONTROLLED_SHUTDOWN -> shuttingDown.add(Integer.parseInt(name));
                    case ZkPaths.DELETE_TOPICS -> deletions.add(name);
                    case ZkPaths.PREFERRED_ELECTION -> elections.put(path, parsePartitions(e.getValue().data()));
                    case ZkPaths.BROKER_CONFIGS -> brokerConfigs.put(name, ZkText.decode(e.getValue().data()));
                    default -> {
                    }
                }
            } catch (IllegalArgumentException ex) {
                LOG.log(System.Logger.Level.WARNING, "Ignoring unreadable znode " + path + ": " + ex.getMessage());
            }
        }
        Map<String, TopicInfo> topics = new HashMap<>();
        Map<UUID, TopicInfo> byId = new HashMap<>();
        for (Map.Entry<String, TopicAssignment> e : assignments.entrySet()) {
            String topic = e.getKey();
            TopicAssignment a = e.getValue();
            List<PartitionInfo> partitions = new ArrayList<>(a.replicas().size());
            for (int p = 0; p < a.replicas().size(); p++) {
                partitions.add(new PartitionInfo(new TopicPartition(topic, p), a.topicId(), a.replicas().get(p),
                        state(tree.get(ZkPaths.partitionState(topic, p)), topic, p)));
            }
            Map<String, String> configs = Optional.ofNullable(tree.get(ZkPaths.topicConfig(topic)))
                    .map(n -> ZkText.decode(n.data())).orElse(Map.of());
            TopicInfo info = new TopicInfo(topic, a.topicId(), configs, partitions);
            topics.put(topic, info);
            byId.put(a.topicId(), info);
        }
        ClusterImage image = new ClusterImage(clusterId, controller, brokers, topics, byId);
        return new MetadataSnapshot(image, shuttingDown, deletions, elections, brokerConfigs);
    }

    private static Optional<PartitionState> state(Node node, String topic, int partition) {
        if (node == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZkCodec.parsePartitionState(node.data(), node.version()));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring the unreadable state of " + topic + "-" + partition + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code partitions=topic:0,topic:1}; topic names cannot contain ':'. */
    static List<TopicPartition> parsePartitions(byte[] data) {
        List<TopicPartition> result = new ArrayList<>();
        String list = ZkText.decode(data).getOrDefault("partitions", "");
        for (String item : list.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            result.add(new TopicPartition(item.substring(0, colon), Integer.parseInt(item.substring(colon + 1))));
        }
        return result;
    }
}
