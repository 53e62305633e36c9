package io.spool.compat.cluster;

import io.spool.compat.Await;
import io.spool.compat.SpoolBroker;
import io.spool.compat.Topics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;

/**
 * A replicated Spool cluster on loopback: a {@link TestZooKeeper} and N broker processes ({@link SpoolBroker}),
 * node ids 1..N, each with its own ephemeral port and data directory. What the cluster looks like (controller,
 * leaders, ISRs) is read the way an operator reads it, with a stock AdminClient. Tests kill, pause and restart
 * brokers through {@link #broker(int)}; {@link #close()} ends every process, ZooKeeper last.
 */
public final class SpoolCluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpoolCluster.class.getName());
    /** How long an admin call may take before a query counts as "no answer yet"; a paused broker never answers. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** Time for the brokers to register, elect a controller and agree on what they see. */
    public static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(60);

    /** Settings every cluster broker gets unless a test overrides them. */
    public static final Map<String, String> DEFAULTS = Map.of(
            "zookeeper.session.timeout.ms", "4000",
            "replica.lag.time.max.ms", "3000",
            "offsets.topic.num.partitions", "6",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false");

    private final TestZooKeeper zooKeeper;
    private final Map<Integer, SpoolBroker> brokers;
    private final Admin admin;

    private SpoolCluster(TestZooKeeper zooKeeper, Map<Integer, SpoolBroker> brokers) {
        this.zooKeeper = zooKeeper;
        this.brokers = brokers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "cluster-harness-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) QUERY_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) QUERY_TIMEOUT.toMillis(),
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100));
    }

    /**
     * Starts ZooKeeper and {@code size} brokers named {@code <name>-broker-<id>} (their output files), with
     * {@link #DEFAULTS}, replication factors of min(3, size) for new and internal topics, and {@code config}
     * on top. Returns once every broker is registered and a controller is elected.
     */
    public static SpoolCluster start(String name, int size, Map<String, String> config) {
        TestZooKeeper zooKeeper = TestZooKeeper.start();
        String replication = Integer.toString(Math.min(3, size));
        Map<Integer, CompletableFuture<SpoolBroker>> starting = new LinkedHashMap<>();
        for (int id = 1; id <= size; id++) {
            Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
            all.put("default.replication.factor", replication);
            all.put("offsets.topic.replication.factor", replication);
            all.putAll(config);
            all.put("node.id", Integer.toString(id));
            all.put("zookeeper.connect", zooKeeper.connectString());
            String brokerName = name + "-broker-" + id;
            starting.put(id, CompletableFuture.supplyAsync(() -> SpoolBroker.start(brokerName, all)));
        }
        Map<Integer, SpoolBroker> brokers = new LinkedHashMap<>();
        Throwable failure = null;
        for (Map.Entry<Integer, CompletableFuture<SpoolBroker>> e : starting.entrySet()) {
            try {
                brokers.put(e.getKey(), e.getValue().join());
            } catch (CompletionException ex) {
                failure = failure == null ? ex.getCause() : failure;
            }
        }
        SpoolCluster cluster = new SpoolCluster(zooKeeper, brokers);
        try {
            if (failure != null) {
                throw new AssertionError("a broker of " + name + " did not start", failure);
            }
            cluster.awaitRegistered(brokers.keySet());
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public SpoolBroker broker(int nodeId) {
        SpoolBroker broker = brokers.get(nodeId);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + nodeId + " in " + brokers.keySet());
        }
        return broker;
    }

    public Set<Integer> nodeIds() {
        return brokers.keySet();
    }

    /** Every broker's address, running or not: clients skip the ones that do not answer. */
    public String bootstrapServers() {
        return brokers.values().stream().map(SpoolBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The harness's AdminClient (short request timeouts); tests may use it, never close it. */
    public Admin admin() {
        return admin;
    }

    public String zooKeeperConnect() {
        return zooKeeper.connectString();
    }

    /** Creates a topic with an explicit replication factor through the stock AdminClient, and waits for leaders. */
    public void createTopic(String topic, int partitions, int replicationFactor, Map<String, String> configs) {
        NewTopic newTopic = new NewTopic(topic, partitions, (short) replicationFactor).configs(configs);
        Topics.get(admin.createTopics(List.of(newTopic)).all());
        awaitPartitions(topic, partitions, "every partition led with its full ISR", PartitionView::fullyInSync);
    }

    /** The partition as the cluster describes it now, or empty if no broker answered in time. */
    public Optional<PartitionView> partition(String topic, int partition) {
        return describe(topic).map(d -> d.partitions().get(partition)).map(PartitionView::of);
    }

    /** The controller's node id as DescribeCluster answers it, or empty if there is none or no answer. */
    public Optional<Integer> controller() {
        return query(admin.describeCluster().controller()).filter(n -> !n.isEmpty()).map(Node::id);
    }

    /** The brokers DescribeCluster lists as alive, or empty if no broker answered in time. */
    public Optional<Set<Integer>> registeredBrokers() {
        DescribeClusterResult result = admin.describeCluster();
        return query(result.nodes()).map(nodes -> nodes.stream().map(Node::id).collect(Collectors.toSet()));
    }

    /** Waits until DescribeCluster lists exactly {@code ids} and names one of them controller. */
    public void awaitRegistered(Collection<Integer> ids) {
        Set<Integer> expected = Set.copyOf(ids);
        Await.until("brokers " + expected + " registered with a controller among them", CONVERGE_TIMEOUT,
                () -> registeredBrokers().filter(expected::equals).isPresent()
                        && controller().filter(expected::contains).isPresent());
    }

    /** Waits until the partition's state satisfies {@code condition}; returns that state. */
    public PartitionView awaitPartition(String topic, int partition, String what, Predicate<PartitionView> condition) {
        return awaitPartition(topic, partition, what, CONVERGE_TIMEOUT, condition);
    }

    /** As {@link #awaitPartition(String, int, String, Predicate)}, failing after {@code timeout}. */
    public PartitionView awaitPartition(String topic, int partition, String what, Duration timeout,
                                        Predicate<PartitionView> condition) {
        PartitionView[] seen = new PartitionView[1];
        try {
            Await.until(topic + "-" + partition + ": " + what, timeout, () -> {
                Optional<PartitionView> view = partition(topic, partition);
                view.ifPresent(v -> seen[0] = v);
                return view.filter(condition).isPresent();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen " + seen[0], e);
        }
        return seen[0];
    }

    /** Waits until every partition of the topic satisfies {@code condition}. */
    public void awaitPartitions(String topic, int partitions, String what, Predicate<PartitionView> condition) {
        IntStream.range(0, partitions).forEach(p -> awaitPartition(topic, p, what, condition));
    }

    /** Waits until the partition has a leader other than {@code formerLeader}; returns its node id. */
    public int awaitNewLeader(String topic, int partition, int formerLeader) {
        return awaitPartition(topic, partition, "a leader other than " + formerLeader,
                v -> v.hasLeader() && v.leader() != formerLeader).leader();
    }

    /** Fails if a broker reported a leaked buffer. */
    public void assertNoLeaks() {
        brokers.values().forEach(SpoolBroker::assertNoLeaks);
    }

    /** Stops every broker still running (in parallel, SIGTERM then SIGKILL), then ZooKeeper. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        brokers.values().forEach(b -> closing.add(CompletableFuture.runAsync(b::close)));
        try {
            closing.forEach(CompletableFuture::join);
        } finally {
            zooKeeper.close();
        }
        LOG.log(Level.INFO, "cluster of {0} stopped", brokers.keySet());
    }

    private Optional<TopicDescription> describe(String topic) {
        return query(admin.describeTopics(List.of(topic)).allTopicNames()).map(m -> m.get(topic));
    }

    /** The future's value, or empty if it failed or took longer than {@link #QUERY_TIMEOUT}. */
    private static <T> Optional<T> query(KafkaFuture<T> future) {
        try {
            return Optional.ofNullable(future.get(QUERY_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.DEBUG, "admin query failed: {0}", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
