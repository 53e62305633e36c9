package io.spool.broker.cluster;

import io.spool.broker.config.BrokerConfig;
import io.spool.broker.config.BrokerConfigKeys;
import io.spool.broker.config.Endpoint;
import io.spool.log.time.Time;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.controller.Controller;
import io.spool.replication.controller.ControllerConfig;
import io.spool.replication.zk.EmbeddedZooKeeper;
import io.spool.replication.zk.MetadataCache;
import io.spool.replication.zk.ZkConnection;
import io.spool.replication.zk.ZkException;
import io.spool.replication.zk.ZkMetadataStore;
import org.apache.curator.framework.CuratorFramework;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * This broker's ZooKeeper side, in start order: the connection (to {@code zookeeper.connect}, or to
 * a ZooKeeper embedded in this process with its data in {@code <first log dir>/zookeeper}), the
 * metadata cache, the broker registration and the controller candidate; and in stop order the
 * controlled shutdown, deregistration and session close.
 */
public final class ZooKeeperMetadata implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ZooKeeperMetadata.class.getName());
    /** Beside the partition directories; LogManager skips it (no {@code -<partition>} suffix). */
    public static final String EMBEDDED_DATA_DIR = "zookeeper";
    /** Added to the session timeout when waiting out a registration left by a killed process. */
    private static final Duration REGISTRATION_SLACK = Duration.ofSeconds(5);

    private final BrokerConfig config;
    private final Optional<EmbeddedZooKeeper> embedded;
    private final CuratorFramework client;
    private final ZkMetadataStore store;
    private final Duration sessionTimeout;
    private MetadataCache metadata;
    private Controller controller;
    private boolean registered;

    private ZooKeeperMetadata(BrokerConfig config, Optional<EmbeddedZooKeeper> embedded, CuratorFramework client, Time time,
                              Duration sessionTimeout) {
        this.config = config;
        this.embedded = embedded;
        this.client = client;
        this.store = new ZkMetadataStore(client, time);
        this.sessionTimeout = sessionTimeout;
    }

    /** Connects to the configured ensemble, or starts the embedded server first when none is configured. */
    public static ZooKeeperMetadata connect(BrokerConfig config, Time time) throws IOException, InterruptedException {
        Duration session = Duration.ofMillis(config.integer(BrokerConfigKeys.ZOOKEEPER_SESSION_TIMEOUT_MS));
        Object connectionTimeout = config.value(BrokerConfigKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MS);
        Duration connection = connectionTimeout == null ? session : Duration.ofMillis((Integer) connectionTimeout);
        String connect = (String) config.value(BrokerConfigKeys.ZOOKEEPER_CONNECT);
        if (connect != null && !connect.isBlank()) {
            return new ZooKeeperMetadata(config, Optional.empty(), ZkConnection.connect(connect, session, connection), time, session);
        }
        Path dataDir = config.logDirs().get(0).resolve(EMBEDDED_DATA_DIR);
        EmbeddedZooKeeper embedded = EmbeddedZooKeeper.bind(dataDir, 0);
        String local = embedded.connectString();
        // The client connects (loading Curator) while the server loads its data: each takes a few
        // hundred milliseconds of class loading, and a single node's start waits for both.
        CompletableFuture<CuratorFramework> client = CompletableFuture.supplyAsync(() -> {
            try {
                return ZkConnection.connect(local, session, connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZkException("Interrupted while connecting to ZooKeeper", e);
            }
        }, r -> {
            Thread t = new Thread(r, "spool-zookeeper-connect");
            t.setDaemon(true);
            t.start();
        });
        try {
            embedded.start();
            LOG.log(System.Logger.Level.INFO, "No zookeeper.connect: running ZooKeeper in this process on " + local + ", data in " + dataDir);
            return new ZooKeeperMetadata(config, Optional.of(embedded), client.join(), time, session);
        } catch (CompletionException e) {
            embedded.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (IOException | InterruptedException | RuntimeException e) {
            client.thenAccept(CuratorFramework::close);
            embedded.close();
            throw e;
        }
    }

    public ZkMetadataStore store() {
        return store;
    }

    /** Starts the watches; returns once the first image is built. */
    public void startCache() throws InterruptedException {
        metadata = MetadataCache.start(client, sessionTimeout);
    }

    /** The metadata cache, once {@link #startCache} has returned. */
    public MetadataCache cache() {
        return metadata;
    }

    /** Registers this broker with its advertised endpoints (waiting out an earlier registration of its id) and joins the controller election. */
    public void register(List<Endpoint> advertised) throws InterruptedException {
        List<BrokerEndpoint> endpoints = advertised.stream()
                .map(e -> new BrokerEndpoint(e.listenerName(), "PLAINTEXT", e.host(), e.port())).toList();
        Optional<String> rack = Optional.ofNullable((String) config.value(BrokerConfigKeys.BROKER_RACK));
        store.registerBroker(new BrokerInfo(config.nodeId(), endpoints, rack), sessionTimeout.plus(REGISTRATION_SLACK));
        registered = true;
        // Requests served from here on count this broker among the live ones (replica placement).
        if (!metadata.await(image -> image.isAlive(config.nodeId()), sessionTimeout)) {
            throw new ZkException("The registration of broker " + config.nodeId() + " did not reach its metadata within "
                    + sessionTimeout.toMillis() + " ms");
        }
        controller = new Controller(config.nodeId(), store, metadata, new ControllerConfig(
                (Boolean) config.value(BrokerConfigKeys.UNCLEAN_LEADER_ELECTION_ENABLE),
                (Boolean) config.value(BrokerConfigKeys.AUTO_LEADER_REBALANCE_ENABLE),
                (Long) config.value(BrokerConfigKeys.LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS) * 1000,
                config.integer(BrokerConfigKeys.LEADER_IMBALANCE_PER_BROKER_PERCENTAGE)));
        controller.start();
    }

    /**
     * With controlled.shutdown.enable, asks the controller to move this broker's leaderships to other
     * in-sync replicas and waits (at most a session timeout) until no partition it leads has another
     * live in-sync replica to move to.
     */
    public void controlledShutdown() throws InterruptedException {
        if (!registered || !(Boolean) config.value(BrokerConfigKeys.CONTROLLED_SHUTDOWN_ENABLE)) {
            return;
        }
        int self = config.nodeId();
        store.requestControlledShutdown(self);
        if (!metadata.await(image -> image.controllerId() == ClusterImage.NO_CONTROLLER || !leadsMovablePartition(image, self),
                sessionTimeout)) {
            LOG.log(System.Logger.Level.WARNING, "Controlled shutdown: broker " + self + " still leads partitions after "
                    + sessionTimeout.toMillis() + " ms; stopping anyway");
        }
    }

    private static boolean leadsMovablePartition(ClusterImage image, int self) {
        for (TopicInfo t : image.topics().values()) {
            for (PartitionInfo p : t.partitions()) {
                if (p.leader() == self && p.state().orElseThrow().isr().stream().anyMatch(r -> r != self && image.isAlive(r))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Stops the controller, deregisters, closes the session (its ephemeral znodes go with it) and the embedded server. */
    @Override
    public void close() {
        if (controller != null) {
            controller.close();
        }
        if (registered) {
            try {
                store.deregisterBroker(config.nodeId());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Deregistering failed; the registration ends with the session: " + e.getMessage());
            }
        }
        if (metadata != null) {
            metadata.close();
        }
        client.close();
        embedded.ifPresent(EmbeddedZooKeeper::close);
    }
}
