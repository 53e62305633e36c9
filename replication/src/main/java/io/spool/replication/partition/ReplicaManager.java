package io.spool.replication.partition;

import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.TopicPartition;
import io.spool.log.time.Time;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.ClusterImageListener;
import io.spool.replication.cluster.IsrUpdater;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.fetcher.ReplicaFetcherManager;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The replicas this broker hosts, kept in line with the cluster images: for every partition that
 * lists this broker among its replicas, a {@link Partition} that leads when the image names this
 * broker leader and otherwise follows the named leader through the fetchers; partitions of
 * deleted topics or moved away are stopped and their logs deleted (only replicas an earlier image
 * assigned here: logs on disk that no image has named yet are left alone, so an incomplete first
 * image after a restart cannot delete data). Only newer leader epochs
 * change roles, so repeated images are harmless. Lookups are lock-free for the request path.
 *
 * <p>Periodically it checks ISRs for lagging followers and writes the high watermarks to each
 * log dir's {@code replication-offset-checkpoint}; at start a log's high watermark is its
 * checkpointed one (never past its log end).
 */
public final class ReplicaManager implements ClusterImageListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplicaManager.class.getName());

    private final int brokerId;
    private final LogManager logs;
    private final ReplicaConfig config;
    private final IsrUpdater isrUpdater;
    private final Time time;
    private final PartitionListener listener;
    private final ReplicaFetcherManager fetchers;
    private final HighWatermarkCheckpoints checkpoints;
    private final Map<TopicPartition, Long> checkpointedHighWatermarks;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile ClusterImage image;
    private boolean closed; // guarded by this

    public ReplicaManager(int brokerId, LogManager logs, ReplicaConfig config, IsrUpdater isrUpdater, Time time,
                          PartitionListener listener, HighWatermarkCheckpoints checkpoints) throws IOException {
        this.brokerId = brokerId;
        this.logs = logs;
        this.config = config;
        this.isrUpdater = isrUpdater;
        this.time = time;
        this.listener = listener;
        this.checkpoints = checkpoints;
        this.checkpointedHighWatermarks = new ConcurrentHashMap<>(checkpoints.read());
        this.fetchers = new ReplicaFetcherManager(brokerId, config, time);
        this.image = new ClusterImage("", ClusterImage.NO_CONTROLLER, Map.of(), Map.of(), Map.of());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spool-replica-manager");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the periodic ISR and checkpoint work. */
    public void startup() {
        long isrCheck = Math.max(1, config.lagTimeMaxMs() / 2);
        scheduler.scheduleWithFixedDelay(this::shrinkIsrs, isrCheck, isrCheck, TimeUnit.MILLISECONDS);
        long interval = config.highWatermarkCheckpointIntervalMs();
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    public int brokerId() {
        return brokerId;
    }

    /** The timer of periodic replica work, also for expiring waits on the in-sync replicas. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The image last applied. */
    public ClusterImage image() {
        return image;
    }

    @Override
    public synchronized void onImage(ClusterImage previous, ClusterImage current) {
        if (closed) {
            return; // images still arriving during shutdown must not start fetchers again
        }
        Set<TopicPartition> wanted = new HashSet<>();
        for (TopicInfo topic : current.topics().values()) {
            for (PartitionInfo info : topic.partitions()) {
                if (info.replicas().contains(brokerId)) {
                    wanted.add(info.topicPartition());
                    apply(current, topic, info);
                }
            }
        }
        for (Partition hosted : new ArrayList<>(partitions.values())) {
            if (!wanted.contains(hosted.topicPartition())) {
                stop(hosted.topicPartition());
            }
        }
        image = current; // last: whoever sees a topic in the image finds its replicas here already
    }

    private void apply(ClusterImage current, TopicInfo topic, PartitionInfo info) {
        TopicPartition tp = info.topicPartition();
        Partition partition = partitions.get(tp);
        if (partition != null && !partition.topicId().equals(topic.id())) {
            stop(tp); // the topic was deleted and created again under the same name
            partition = null;
        }
        LogConfig logConfig = logs.defaultConfig().withOverrides(topic.configs());
        if (partition == null) {
            partition = host(tp, topic.id(), logConfig);
        } else if (!partition.log().config().equals(logConfig)) {
            partition.log().updateConfig(logConfig);
        }
        if (info.state().isEmpty()) {
            return;
        }
        PartitionState state = info.state().get();
        if (state.leader() == brokerId) {
            if (partition.makeLeader(state, info.replicas())) {
                fetchers.remove(tp);
            }
            return;
        }
        if (partition.makeFollower(state, info.replicas())) {
            fetchers.remove(tp);
        }
        Optional<BrokerEndpoint> leader = state.hasLeader() ? leaderEndpoint(current, state.leader()) : Optional.empty();
        if (leader.isEmpty()) {
            fetchers.remove(tp);
        } else if (!fetchers.isFetching(tp, state.leader(), leader.get())) {
            fetchers.add(partition, state.leader(), leader.get());
        }
    }

    private Partition host(TopicPartition tp, UUID topicId, LogConfig logConfig) {
        Log log = logs.getOrCreateLog(tp, logConfig);
        Long checkpointed = checkpointedHighWatermarks.remove(tp);
        log.setHighWatermark(checkpointed == null ? log.logStartOffset() : checkpointed);
        Partition partition = new Partition(tp, topicId, log, brokerId, config.lagTimeMaxMs(), time, isrUpdater, listener);
        partitions.put(tp, partition);
        return partition;
    }

    /** The leader's endpoint on the inter-broker listener (by default its first listener). */
    private Optional<BrokerEndpoint> leaderEndpoint(ClusterImage current, int leaderId) {
        BrokerInfo leader = current.brokers().get(leaderId);
        if (leader == null || leader.endpoints().isEmpty()) {
            return Optional.empty();
        }
        return config.interBrokerListenerName().isPresent() ? leader.endpoint(config.interBrokerListenerName().get())
                : Optional.of(leader.endpoints().get(0));
    }

    private void stop(TopicPartition tp) {
        fetchers.remove(tp);
        Partition removed = partitions.remove(tp);
        if (removed != null) {
            removed.markDeleted();
        }
        logs.deleteLog(tp);
        LOG.log(System.Logger.Level.INFO, "Stopped replica {0} and deleted its log", tp);
    }

    /** The hosted replica, leader or follower, or empty. */
    public Optional<Partition> get(String topic, int index) {
        return Optional.ofNullable(partitions.get(new TopicPartition(topic, index)));
    }

    /** The hosted replica of the topic with this id, or empty (also for an unknown id). */
    public Optional<Partition> get(UUID topicId, int index) {
        return image.topic(topicId).flatMap(t -> get(t.name(), index)).filter(p -> p.topicId().equals(topicId));
    }

    /** Every hosted replica. */
    public List<Partition> partitions() {
        return List.copyOf(partitions.values());
    }

    private void shrinkIsrs() {
        for (Partition p : partitions.values()) {
            try {
                p.maybeShrinkIsr();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "ISR check of " + p + " failed", e);
            }
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoints.write(partitions.values().stream().map(Partition::log).toList());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Writing high watermark checkpoints failed", e);
        }
    }

    /** Stops the fetchers and periodic work and writes the high watermarks a last time; before the logs close. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fetchers.shutdown();
        checkpointQuietly();
    }
}
