package io.spool.replication.controller;

import io.spool.log.TopicPartition;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.zk.MetadataCache;
import io.spool.replication.zk.MetadataSnapshot;
import io.spool.replication.zk.ZkCodec;
import io.spool.replication.zk.ZkException;
import io.spool.replication.zk.ZkMetadataStore;
import io.spool.replication.zk.ZkPaths;
import io.spool.replication.zk.ZkText;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every broker runs one; the one whose ephemeral {@code /controller} znode exists acts. It is
 * level-triggered: each metadata snapshot is compared with where leadership should be
 * ({@link LeaderElection}) and the differences are written, each write conditional on the partition
 * state's version and on the controller epoch znode's version (a deposed controller's writes fail).
 * A controller whose ZooKeeper connection is suspended or lost stops acting until it proves again
 * that it owns {@code /controller}. All work runs on one thread, {@code spool-controller}.
 */
public final class Controller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Controller.class.getName());
    static final String UNCLEAN = "unclean.leader.election.enable";

    private final int brokerId;
    private final ZkMetadataStore store;
    private final MetadataCache metadata;
    private final ControllerConfig config;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean rebalanceDue = new AtomicBoolean();
    private volatile MetadataSnapshot latest;
    /** The epoch this broker controls with, 0 while it does not act. */
    private volatile int epoch;
    private int epochZkVersion;

    public Controller(int brokerId, ZkMetadataStore store, MetadataCache metadata, ControllerConfig config) {
        this.brokerId = brokerId;
        this.store = store;
        this.metadata = metadata;
        this.config = config;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spool-controller");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        store.client().getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                if (epoch != 0) {
                    LOG.log(System.Logger.Level.WARNING, "ZooKeeper connection " + state + ": controller " + brokerId + " stops acting");
                }
                epoch = 0;
            } else if (state == ConnectionState.RECONNECTED) {
                schedule();
            }
        });
        metadata.addSnapshotListener(s -> {
            latest = s;
            schedule();
        });
        if (config.autoLeaderRebalance()) {
            thread.scheduleWithFixedDelay(() -> {
                rebalanceDue.set(true);
                schedule();
            }, config.imbalanceCheckIntervalMs(), config.imbalanceCheckIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether this broker is the acting controller. */
    public boolean isActive() {
        return epoch != 0;
    }

    /** The epoch of the acting controller on this broker, 0 when it does not act. */
    public int epoch() {
        return epoch;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::run);
            } catch (RejectedExecutionException e) {
                // closed
            }
        }
    }

    private void run() {
        scheduled.set(false);
        MetadataSnapshot s = latest;
        if (s == null) {
            return;
        }
        try {
            int controller = s.image().controllerId();
            if (controller == ClusterImage.NO_CONTROLLER) {
                epoch = 0;
                if (store.createIfAbsent(ZkPaths.CONTROLLER, ZkCodec.controller(brokerId), CreateMode.EPHEMERAL)) {
                    LOG.log(System.Logger.Level.INFO, "Broker " + brokerId + " won the controller election");
                }
                return; // the new /controller arrives as the next snapshot
            }
            if (controller != brokerId) {
                epoch = 0;
                return;
            }
            if (epoch == 0 && !becomeController()) {
                return;
            }
            reconcile(s);
        } catch (ZkException e) {
            LOG.log(System.Logger.Level.WARNING, "Controller work failed; retrying with the next metadata change: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Controller work failed", e);
        }
    }

    /** Takes up the role if this session owns /controller: bumps the controller epoch. */
    private boolean becomeController() {
        Stat owner = store.stat(ZkPaths.CONTROLLER);
        if (owner == null || owner.getEphemeralOwner() != store.sessionId()) {
            return false; // a registration of an earlier session of this broker, expiring
        }
        while (true) {
            Stat stat = new Stat();
            Optional<byte[]> current = store.readWithStat(ZkPaths.CONTROLLER_EPOCH, stat);
            int next = current.map(d -> Integer.parseInt(ZkText.string(d)) + 1).orElse(1);
            byte[] data = ZkText.utf8(Integer.toString(next));
            boolean written = current.isEmpty()
                    ? store.createIfAbsent(ZkPaths.CONTROLLER_EPOCH, data, CreateMode.PERSISTENT)
                    : store.setData(ZkPaths.CONTROLLER_EPOCH, data, stat.getVersion());
            if (written) {
                epochZkVersion = store.stat(ZkPaths.CONTROLLER_EPOCH).getVersion();
                epoch = next;
                LOG.log(System.Logger.Level.INFO, "Broker " + brokerId + " is the controller, epoch " + next);
                return true;
            }
        }
    }

    private void reconcile(MetadataSnapshot s) {
        ClusterImage image = s.image();
        Set<Integer> live = image.brokers().keySet();
        Set<Integer> shuttingDown = new HashSet<>(s.shuttingDown());
        shuttingDown.retainAll(live);
        for (String topic : s.topicsToDelete()) {
            LOG.log(System.Logger.Level.INFO, "Deleting topic " + topic);
            store.deleteTopicData(topic);
        }
        Set<TopicPartition> preferred = new HashSet<>();
        s.electionRequests().values().forEach(preferred::addAll);
        if (rebalanceDue.getAndSet(false)) {
            preferred.addAll(imbalanced(image));
        }
        for (TopicInfo topic : image.topics().values()) {
            if (s.topicsToDelete().contains(topic.name())) {
                continue;
            }
            boolean unclean = Boolean.parseBoolean(Optional.ofNullable(topic.configs().get(UNCLEAN))
                    .or(() -> Optional.ofNullable(s.brokerConfig(brokerId, UNCLEAN)))
                    .orElse(Boolean.toString(config.uncleanLeaderElection())));
            for (PartitionInfo p : topic.partitions()) {
                if (epoch == 0) {
                    return;
                }
                reconcile(p, live, shuttingDown, unclean, preferred.contains(p.topicPartition()));
            }
        }
        for (String request : s.electionRequests().keySet()) {
            store.deleteIfExists(request);
        }
    }

    private void reconcile(PartitionInfo p, Set<Integer> live, Set<Integer> shuttingDown, boolean unclean, boolean preferred) {
        TopicPartition tp = p.topicPartition();
        if (p.state().isEmpty()) {
            LeaderElection.initial(p.replicas(), live, shuttingDown).ifPresent(l ->
                    store.createPartitionStateFenced(tp, ZkCodec.partitionState(l.leader(), 0, l.isr(), epoch), epochZkVersion));
            return;
        }
        PartitionState state = p.state().get();
        Leadership next = LeaderElection.next(p, state, live, shuttingDown, unclean, preferred);
        if (next.leader() == state.leader() && next.isr().equals(state.isr())) {
            return;
        }
        int leaderEpoch = next.leader() == state.leader() ? state.leaderEpoch() : state.leaderEpoch() + 1;
        if (store.updatePartitionStateFenced(tp, ZkCodec.partitionState(next.leader(), leaderEpoch, next.isr(), epoch),
                state.version(), epochZkVersion) && next.leader() != state.leader()) {
            LOG.log(System.Logger.Level.INFO, "Partition " + tp + ": leader " + state.leader() + " -> " + next.leader()
                    + " (epoch " + leaderEpoch + "), isr " + next.isr());
        }
    }

    /**
     * Partitions whose preferred replica should lead again: for each broker, when more than
     * {@code leader.imbalance.per.broker.percentage} of the partitions it prefers are led elsewhere.
     */
    private Set<TopicPartition> imbalanced(ClusterImage image) {
        Map<Integer, Integer> preferredCount = new HashMap<>();
        Map<Integer, List<TopicPartition>> notLeading = new HashMap<>();
        for (TopicInfo topic : image.topics().values()) {
            for (PartitionInfo p : topic.partitions()) {
                if (p.replicas().isEmpty() || p.state().isEmpty()) {
                    continue;
                }
                int preferred = p.replicas().get(0);
                preferredCount.merge(preferred, 1, Integer::sum);
                if (p.leader() != preferred) {
                    notLeading.computeIfAbsent(preferred, b -> new ArrayList<>()).add(p.topicPartition());
                }
            }
        }
        Set<TopicPartition> result = new HashSet<>();
        notLeading.forEach((broker, partitions) -> {
            if (partitions.size() * 100 > config.imbalancePerBrokerPercentage() * preferredCount.get(broker)) {
                result.addAll(partitions);
            }
        });
        return result;
    }

    @Override
    public void close() {
        epoch = 0;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
