package io.spool.broker.partition;

import io.spool.broker.topic.Topic;
import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.TopicPartition;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.ClusterImageListener;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosted partitions by topic name and topic id, each with its log from the LogManager: a
 * partition is hosted here while this broker is among its replicas in the cluster image. Image
 * changes (on the metadata thread) create logs, carry leader epochs and topic configs over, and
 * delete the logs of topics that left the image. Lookups are lock-free for the request path.
 */
public final class PartitionManager implements ClusterImageListener {
    private static final System.Logger LOG = System.getLogger(PartitionManager.class.getName());

    private final int nodeId;
    private final LogManager logs;
    private final AppendListener listener;
    /** Per topic, its partitions by index; null where this broker holds no replica. Replaced, never changed in place. */
    private final Map<String, Partition[]> byName = new ConcurrentHashMap<>();
    private final Map<UUID, Partition[]> byId = new ConcurrentHashMap<>();
    private boolean strayLogsRemoved;

    public PartitionManager(int nodeId, LogManager logs, AppendListener listener) {
        this.nodeId = nodeId;
        this.logs = logs;
        this.listener = listener;
    }

    /** The log settings of a topic: the broker's topic defaults with the topic's overrides. */
    public LogConfig configOf(Topic topic) {
        return logs.defaultConfig().withOverrides(topic.configs());
    }

    @Override
    public void onImage(ClusterImage previous, ClusterImage current) {
        for (Map.Entry<UUID, Partition[]> hosted : Map.copyOf(byId).entrySet()) {
            if (!current.topicsById().containsKey(hosted.getKey())) {
                delete(hosted.getKey(), hosted.getValue());
            }
        }
        for (TopicInfo topic : current.topics().values()) {
            host(topic, previous.topic(topic.id()).map(TopicInfo::configs).orElse(null));
        }
        if (!strayLogsRemoved) {
            strayLogsRemoved = true;
            for (TopicPartition tp : logs.allLogs().keySet()) {
                if (get(tp.topic(), tp.partition()).isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "Deleting log of " + tp + ": this broker holds no replica of it");
                    logs.deleteLog(tp);
                }
            }
        }
    }

    private void host(TopicInfo topic, Map<String, String> previousConfigs) {
        Partition[] hosted = byId.get(topic.id());
        Partition[] next = hosted == null ? new Partition[topic.partitionCount()] : Arrays.copyOf(hosted, topic.partitionCount());
        boolean changed = hosted == null || hosted.length != next.length;
        LogConfig config = null;
        for (PartitionInfo p : topic.partitions()) {
            int index = p.topicPartition().partition();
            if (!p.replicas().contains(nodeId)) {
                continue;
            }
            int epoch = p.state().map(PartitionState::leaderEpoch).orElse(0);
            if (next[index] == null) {
                if (config == null) {
                    config = logs.defaultConfig().withOverrides(topic.configs());
                }
                Log log = logs.getOrCreateLog(p.topicPartition(), config);
                next[index] = new Partition(topic.name(), topic.id(), index, log, epoch, listener);
                changed = true;
            } else {
                next[index].leaderEpoch(epoch);
            }
        }
        if (changed) {
            byId.put(topic.id(), next);
            byName.put(topic.name(), next);
        }
        if (previousConfigs != null && !previousConfigs.equals(topic.configs())) {
            try {
                logs.updateConfig(topic.name(), logs.defaultConfig().withOverrides(topic.configs()));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "Ignoring invalid configs of topic " + topic.name() + ": " + e.getMessage());
            }
        }
    }

    private void delete(UUID topicId, Partition[] partitions) {
        byId.remove(topicId);
        byName.values().remove(partitions);
        for (Partition p : partitions) {
            if (p != null) {
                p.markDeleted();
                logs.deleteLog(new TopicPartition(p.topic(), p.index()));
            }
        }
    }

    /** The partition, or empty when the topic or the partition index does not exist here. */
    public Optional<Partition> get(String topic, int index) {
        return select(byName.get(topic), index);
    }

    public Optional<Partition> get(UUID topicId, int index) {
        return select(byId.get(topicId), index);
    }

    /** The topic's partition count once this broker has taken up its replicas of it; empty before. */
    public OptionalInt partitionCount(String topic) {
        Partition[] hosted = byName.get(topic);
        return hosted == null ? OptionalInt.empty() : OptionalInt.of(hosted.length);
    }

    /** Whether a topic with this id is known here (whatever replicas of it this broker holds). */
    public boolean hosts(UUID topicId) {
        return byId.containsKey(topicId);
    }

    private static Optional<Partition> select(Partition[] partitions, int index) {
        return partitions == null || index < 0 || index >= partitions.length ? Optional.empty() : Optional.ofNullable(partitions[index]);
    }
}
