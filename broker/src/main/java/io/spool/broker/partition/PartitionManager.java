package io.spool.broker.partition;

import io.spool.broker.topic.PartitionLifecycle;
import io.spool.broker.topic.Topic;
import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.TopicPartition;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosted partitions by topic name and topic id, each with its log from the LogManager. Lookups
 * are lock-free for the request path; creation and deletion run off the event loops.
 */
public final class PartitionManager implements PartitionLifecycle {
    private static final System.Logger LOG = System.getLogger(PartitionManager.class.getName());

    private final LogManager logs;
    private final int leaderEpoch;
    private final AppendListener listener;
    private final Map<String, Partition[]> byName = new ConcurrentHashMap<>();
    private final Map<UUID, Partition[]> byId = new ConcurrentHashMap<>();

    public PartitionManager(LogManager logs, int leaderEpoch, AppendListener listener) {
        this.logs = logs;
        this.leaderEpoch = leaderEpoch;
        this.listener = listener;
    }

    /** The log settings of a topic: the broker's topic defaults with the topic's overrides. */
    public LogConfig configOf(Topic topic) {
        return logs.defaultConfig().withOverrides(topic.configs());
    }

    /**
     * Hosts the registered topics (their logs are loaded or created) and deletes logs on disk that
     * belong to no registered topic, left by a crash between unregistering and deleting.
     */
    public void load(Collection<Topic> topics) throws IOException {
        for (Topic topic : topics) {
            create(topic);
        }
        for (TopicPartition tp : logs.allLogs().keySet()) {
            if (get(tp.topic(), tp.partition()).isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "Deleting log of unregistered partition " + tp);
                logs.deleteLog(tp);
            }
        }
    }

    @Override
    public void create(Topic topic) {
        LogConfig config = configOf(topic);
        Partition[] partitions = new Partition[topic.partitionCount()];
        for (int i = 0; i < partitions.length; i++) {
            Log log = logs.getOrCreateLog(new TopicPartition(topic.name(), i), config);
            partitions[i] = new Partition(topic.name(), topic.id(), i, log, leaderEpoch, listener);
        }
        byId.put(topic.id(), partitions);
        byName.put(topic.name(), partitions);
    }

    @Override
    public void delete(Topic topic) {
        Partition[] removed = byName.remove(topic.name());
        byId.remove(topic.id());
        if (removed != null) {
            for (Partition p : removed) {
                p.markDeleted();
            }
        }
        for (int i = 0; i < topic.partitionCount(); i++) {
            logs.deleteLog(new TopicPartition(topic.name(), i));
        }
    }

    /** The partition, or empty when the topic or the partition index does not exist here. */
    public Optional<Partition> get(String topic, int index) {
        return select(byName.get(topic), index);
    }

    public Optional<Partition> get(UUID topicId, int index) {
        return select(byId.get(topicId), index);
    }

    /** How many partitions of the topic are hosted; empty until all of them are (creation hosts them at once, at its end). */
    public OptionalInt partitionCount(String topic) {
        Partition[] hosted = byName.get(topic);
        return hosted == null ? OptionalInt.empty() : OptionalInt.of(hosted.length);
    }

    /** Whether a topic with this id is hosted (whatever its partition count). */
    public boolean hosts(UUID topicId) {
        return byId.containsKey(topicId);
    }

    private static Optional<Partition> select(Partition[] partitions, int index) {
        return partitions == null || index < 0 || index >= partitions.length ? Optional.empty() : Optional.of(partitions[index]);
    }
}
