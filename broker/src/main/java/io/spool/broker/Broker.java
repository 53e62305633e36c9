package io.spool.broker;

import io.spool.broker.api.HandlerRegistry;
import io.spool.broker.api.configs.DescribeConfigsHandler;
import io.spool.broker.api.configs.IncrementalAlterConfigsHandler;
import io.spool.broker.api.configs.TopicConfigDescriber;
import io.spool.broker.api.fetch.DelayedFetches;
import io.spool.broker.api.fetch.FetchHandler;
import io.spool.broker.api.group.DeleteGroupsHandler;
import io.spool.broker.api.group.DescribeGroupsHandler;
import io.spool.broker.api.group.FindCoordinatorHandler;
import io.spool.broker.api.group.HeartbeatHandler;
import io.spool.broker.api.group.JoinGroupHandler;
import io.spool.broker.api.group.LeaveGroupHandler;
import io.spool.broker.api.group.ListGroupsHandler;
import io.spool.broker.api.group.OffsetCommitHandler;
import io.spool.broker.api.group.OffsetDeleteHandler;
import io.spool.broker.api.group.OffsetFetchHandler;
import io.spool.broker.api.group.SyncGroupHandler;
import io.spool.broker.api.metadata.ApiVersionsHandler;
import io.spool.broker.api.metadata.DescribeClusterHandler;
import io.spool.broker.api.metadata.MetadataHandler;
import io.spool.broker.api.offsets.ListOffsetsHandler;
import io.spool.broker.api.offsets.OffsetForLeaderEpochHandler;
import io.spool.broker.api.produce.ProduceHandler;
import io.spool.broker.api.producer.InitProducerIdHandler;
import io.spool.broker.api.topics.CreateTopicsHandler;
import io.spool.broker.api.topics.DeleteTopicsHandler;
import io.spool.broker.api.topics.ElectLeadersHandler;
import io.spool.broker.api.PartitionLookup;
import io.spool.broker.cluster.ClusterMetadata;
import io.spool.broker.cluster.ZooKeeperMetadata;
import io.spool.broker.config.BrokerConfig;
import io.spool.broker.config.BrokerConfigKeys;
import io.spool.broker.config.ConfigException;
import io.spool.broker.config.Endpoint;
import io.spool.broker.group.HostedOffsetsTopic;
import io.spool.broker.group.OffsetsTopicLoader;
import io.spool.broker.group.RegistryTopicLookup;
import io.spool.broker.meta.KafkaUuid;
import io.spool.broker.meta.MetaProperties;
import io.spool.broker.network.SocketServer;
import io.spool.broker.producer.ProducerIdManager;
import io.spool.broker.topic.TopicManager;
import io.spool.broker.topic.TopicStore;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.GroupCoordinatorConfig;
import io.spool.coordinator.OffsetsTopic;
import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.LogManagerConfig;
import io.spool.log.cleaner.CleanerConfig;
import io.spool.log.time.Time;
import io.spool.replication.partition.HighWatermarkCheckpoints;
import io.spool.replication.partition.PartitionListeners;
import io.spool.replication.partition.ReplicaConfig;
import io.spool.replication.partition.ReplicaManager;
import io.spool.replication.zk.MetadataCache;
import io.spool.replication.zk.ZkIsrUpdater;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running broker: storage opened, the group coordinator started on {@code __consumer_offsets},
 * handlers registered, listeners accepting. {@link #start} returns once clients can connect;
 * {@link #close} stops it cleanly (waiting fetches and parked group requests answered, connections
 * closed, the coordinator stopped, logs closed with their clean-shutdown markers) and is safe to
 * call more than once.
 */
public final class Broker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broker.class.getName());
    private static final int PRODUCER_ID_BLOCK = 1000;
    /** How long connections get at shutdown to receive their last answers and close. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** How long CreateTopics and DeleteTopics wait for the change to show in this broker's image. */
    private static final Duration TOPIC_SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerConfig config;
    private final ClusterMetadata cluster;
    private final ZooKeeperMetadata zooKeeper;
    private final SocketServer socketServer;
    private final DelayedFetches delayedFetches;
    private final ReplicaManager replicas;
    private final ExecutorService blocking;
    private final GroupCoordinator groupCoordinator;
    private final LogManager logManager;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Broker(BrokerConfig config, ClusterMetadata cluster, ZooKeeperMetadata zooKeeper, SocketServer socketServer,
                   DelayedFetches delayedFetches, ReplicaManager replicas, ExecutorService blocking, GroupCoordinator groupCoordinator,
                   LogManager logManager) {
        this.config = config;
        this.cluster = cluster;
        this.zooKeeper = zooKeeper;
        this.socketServer = socketServer;
        this.delayedFetches = delayedFetches;
        this.replicas = replicas;
        this.blocking = blocking;
        this.groupCoordinator = groupCoordinator;
        this.logManager = logManager;
    }

    public static Broker start(BrokerConfig config) throws IOException, InterruptedException {
        return start(config, Time.SYSTEM);
    }

    /**
     * Connects to ZooKeeper (or starts it embedded), opens storage, binds the listeners, registers
     * and starts serving; throws if the metadata, the data or the listeners are unusable.
     */
    public static Broker start(BrokerConfig config, Time time) throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        long startNanos = time.nanoseconds();
        LogConfig topicDefaults = topicDefaults(config);
        GroupCoordinatorConfig groupConfig = groupCoordinatorConfig(config, topicDefaults);
        // Reaching the metadata (starting the embedded server, the session, the first read of the
        // tree) is mostly class loading and round trips: it runs while the logs load and the
        // listeners bind, which keeps a single node's start short.
        CompletableFuture<ZooKeeperMetadata> zooKeeper = new CompletableFuture<>();
        Thread connector = new Thread(() -> {
            try {
                zooKeeper.complete(connectMetadata(config, time, random));
            } catch (Throwable e) {
                zooKeeper.completeExceptionally(e);
            }
        }, "spool-metadata-start");
        connector.setDaemon(true);
        connector.start();
        try {
            Broker broker = start(config, time, zooKeeper, random, topicDefaults, groupConfig);
            LOG.log(System.Logger.Level.INFO, "Broker " + config.nodeId() + " started in "
                    + (time.nanoseconds() - startNanos) / 1_000_000 + " ms");
            return broker;
        } catch (IOException | RuntimeException | InterruptedException e) {
            try {
                await(zooKeeper).close(); // nothing of this start keeps running behind the caller's back
            } catch (IOException | RuntimeException | InterruptedException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Connects, agrees on the cluster id with the log dirs' meta.properties, and reads the metadata tree.
     */
    private static ZooKeeperMetadata connectMetadata(BrokerConfig config, Time time, SecureRandom random)
            throws IOException, InterruptedException {
        List<Path> logDirs = config.logDirs();
        String localClusterId = MetaProperties.existingClusterId(logDirs, config.nodeId())
                .orElseGet(() -> KafkaUuid.toString(KafkaUuid.random(random)));
        ZooKeeperMetadata zooKeeper = ZooKeeperMetadata.connect(config, time);
        try {
            String clusterId = zooKeeper.store().ensureClusterId(localClusterId);
            MetaProperties.ensure(logDirs, config.nodeId(), clusterId, random);
            zooKeeper.startCache();
            return zooKeeper;
        } catch (IOException | RuntimeException | InterruptedException e) {
            zooKeeper.close();
            throw e;
        }
    }

    /** The metadata once connected; its start's failure rethrown as it was. */
    private static ZooKeeperMetadata await(CompletableFuture<ZooKeeperMetadata> zooKeeper) throws IOException, InterruptedException {
        try {
            return zooKeeper.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static Broker start(BrokerConfig config, Time time, CompletableFuture<ZooKeeperMetadata> connecting, SecureRandom random,
                                LogConfig topicDefaults, GroupCoordinatorConfig groupConfig) throws IOException, InterruptedException {
        // Existing logs need their topic's configs, so loading them waits for the metadata; new dirs do not.
        LogManager logManager = LogManager.start(logManagerConfig(config), topicDefaults, name -> {
            try {
                return await(connecting).cache().image().topic(name)
                        .map(t -> topicDefaults.withOverrides(t.configs())).orElse(topicDefaults);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading the metadata", e);
            }
        }, time);
        ExecutorService blocking = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "spool-blocking");
            t.setDaemon(true);
            return t;
        });
        HandlerRegistry registry = new HandlerRegistry();
        SocketServer socketServer = new SocketServer(config, registry);
        DelayedFetches delayedFetches = new DelayedFetches();
        int nodeId = config.nodeId();
        PartitionListeners partitionListeners = new PartitionListeners();
        partitionListeners.add(delayedFetches);
        ReplicaManager replicas = null;
        List<Endpoint> advertised;
        ZooKeeperMetadata zooKeeper;
        MetadataCache metadata;
        try {
            advertised = advertisedEndpoints(config, socketServer.bind());
            zooKeeper = await(connecting);
            metadata = zooKeeper.cache();
            replicas = new ReplicaManager(nodeId, logManager, replicaConfig(config), new ZkIsrUpdater(zooKeeper.store(), blocking), time,
                    partitionListeners, new HighWatermarkCheckpoints(config.logDirs()));
            metadata.addListener(replicas); // hosts this broker's replicas, deletes logs no image assigns here
            replicas.startup();
        } catch (IOException | RuntimeException | InterruptedException e) {
            socketServer.close();
            if (replicas != null) {
                replicas.close();
            }
            blocking.shutdownNow();
            logManager.shutdown();
            throw e;
        }
        ClusterMetadata cluster = new ClusterMetadata(nodeId, advertised, metadata);
        TopicStore topicStore = new TopicStore(zooKeeper.store(), metadata, random);
        TopicManager topics = new TopicManager(topicStore, metadata, blocking, TOPIC_SETTLE_TIMEOUT);
        ProducerIdManager producerIds = new ProducerIdManager(zooKeeper.store(), nodeId, PRODUCER_ID_BLOCK);
        PartitionLookup partitions = new PartitionLookup(replicas);
        TopicConfigDescriber topicConfigs = new TopicConfigDescriber(config);

        // The coordinator starts after the logs it reads and stops before they close.
        HostedOffsetsTopic offsetsTopic = new HostedOffsetsTopic(topics, replicas, metadata::image,
                config.integer(BrokerConfigKeys.OFFSETS_COMMIT_TIMEOUT_MS), replicas.scheduler());
        GroupCoordinator groupCoordinator = new GroupCoordinator(groupConfig, offsetsTopic,
                new RegistryTopicLookup(topicStore, replicas), time);
        groupCoordinator.startup();
        OffsetsTopicLoader offsetsLoader = new OffsetsTopicLoader(groupCoordinator, offsetsTopic, replicas);
        partitionListeners.add(offsetsLoader);
        offsetsLoader.start();

        registry.register(new ApiVersionsHandler(registry, cluster));
        registry.register(new MetadataHandler(cluster, topics, new MetadataHandler.AutoCreation(
                config.autoCreateTopicsEnable(), config.numPartitions(), config.defaultReplicationFactor()),
                name -> {
                    if (!name.equals(OffsetsTopic.NAME)) {
                        return false;
                    }
                    offsetsLoader.ensureAvailable(); // creates it as the coordinator wants it
                    return true;
                }));
        registry.register(new DescribeClusterHandler(cluster));
        registry.register(new InitProducerIdHandler(producerIds, blocking));
        registry.register(new CreateTopicsHandler(cluster, topics, logManager::defaultConfig, topicConfigs,
                new CreateTopicsHandler.Defaults(config.numPartitions(), config.defaultReplicationFactor())));
        registry.register(new DeleteTopicsHandler(topics, config.deleteTopicEnable(), deleted ->
                groupCoordinator.onTopicsDeleted(deleted).exceptionally(e -> {
                    LOG.log(System.Logger.Level.WARNING, "Committed offsets of deleted topics " + deleted + " were not removed", e);
                    return null;
                })));
        registry.register(new DescribeConfigsHandler(config, topicStore, logManager::defaultConfig, topicConfigs));
        registry.register(new IncrementalAlterConfigsHandler(topicStore, logManager::defaultConfig, topicConfigs, blocking));
        registry.register(new ElectLeadersHandler(cluster, zooKeeper.store(), blocking));
        registry.register(new ProduceHandler(partitions));
        registry.register(new FetchHandler(partitions, delayedFetches));
        registry.register(new ListOffsetsHandler(partitions));
        registry.register(new OffsetForLeaderEpochHandler(partitions));
        registry.register(new FindCoordinatorHandler(cluster, offsetsLoader));
        registry.register(new JoinGroupHandler(groupCoordinator));
        registry.register(new SyncGroupHandler(groupCoordinator));
        registry.register(new HeartbeatHandler(groupCoordinator));
        registry.register(new LeaveGroupHandler(groupCoordinator));
        registry.register(new OffsetCommitHandler(groupCoordinator));
        registry.register(new OffsetFetchHandler(groupCoordinator));
        registry.register(new OffsetDeleteHandler(groupCoordinator));
        registry.register(new ListGroupsHandler(groupCoordinator));
        registry.register(new DescribeGroupsHandler(groupCoordinator));
        registry.register(new DeleteGroupsHandler(groupCoordinator));

        try {
            zooKeeper.register(advertised);
            // Serve only once this broker sees itself alive: requests right after start (CreateTopics) count live brokers.
            if (!metadata.await(image -> image.isAlive(nodeId), TOPIC_SETTLE_TIMEOUT)) {
                LOG.log(System.Logger.Level.WARNING, "Broker " + nodeId + " does not see its own registration yet; serving anyway");
            }
        } catch (RuntimeException | InterruptedException e) {
            socketServer.close();
            groupCoordinator.shutdown();
            replicas.close();
            blocking.shutdownNow();
            logManager.shutdown();
            throw e;
        }
        socketServer.startAccepting();
        LOG.log(System.Logger.Level.INFO, "Broker " + nodeId + " of cluster " + cluster.clusterId() + " serving " + advertised);
        return new Broker(config, cluster, zooKeeper, socketServer, delayedFetches, replicas, blocking, groupCoordinator, logManager);
    }

    private static ReplicaConfig replicaConfig(BrokerConfig config) {
        String interBroker = (String) config.value(BrokerConfigKeys.INTER_BROKER_LISTENER_NAME);
        return new ReplicaConfig(
                (Long) config.value(BrokerConfigKeys.REPLICA_LAG_TIME_MAX_MS),
                config.integer(BrokerConfigKeys.REPLICA_FETCH_MAX_BYTES),
                config.integer(BrokerConfigKeys.REPLICA_FETCH_RESPONSE_MAX_BYTES),
                config.integer(BrokerConfigKeys.REPLICA_FETCH_WAIT_MAX_MS),
                config.integer(BrokerConfigKeys.REPLICA_FETCH_MIN_BYTES),
                config.integer(BrokerConfigKeys.REPLICA_FETCH_BACKOFF_MS),
                config.integer(BrokerConfigKeys.REPLICA_SOCKET_TIMEOUT_MS),
                config.integer(BrokerConfigKeys.NUM_REPLICA_FETCHERS),
                (Long) config.value(BrokerConfigKeys.REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS),
                Optional.ofNullable(interBroker).filter(name -> !name.isBlank()));
    }

    /** The broker's topic defaults (log.retention.hours and kin under their topic names). */
    private static LogConfig topicDefaults(BrokerConfig config) {
        try {
            return LogConfig.fromBrokerProperties(config.originals());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * The group coordinator's settings (group.* and offsets.*); the settings __consumer_offsets will
     * be created with must be valid topic settings, checked now rather than at its creation.
     */
    private static GroupCoordinatorConfig groupCoordinatorConfig(BrokerConfig config, LogConfig topicDefaults) {
        GroupCoordinatorConfig groupConfig;
        try {
            groupConfig = GroupCoordinatorConfig.fromProperties(config.originals());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        try {
            topicDefaults.withOverrides(groupConfig.offsetsTopicConfigs());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid settings for " + OffsetsTopic.NAME + " (from " + BrokerConfigKeys.OFFSETS_TOPIC_SEGMENT_BYTES
                    + "): " + e.getMessage());
        }
        return groupConfig;
    }

    private static LogManagerConfig logManagerConfig(BrokerConfig config) {
        CleanerConfig cleaner;
        try {
            cleaner = CleanerConfig.fromBrokerProperties(config.originals());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return new LogManagerConfig(config.logDirs(),
                config.logRetentionCheckIntervalMs(),
                config.integer(BrokerConfigKeys.LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS),
                config.integer(BrokerConfigKeys.LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS),
                (Long) config.value(BrokerConfigKeys.LOG_FLUSH_SCHEDULER_INTERVAL_MS),
                config.integer(BrokerConfigKeys.PRODUCER_ID_EXPIRATION_MS),
                config.integer(BrokerConfigKeys.PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS)).withCleaner(cleaner);
    }

    /**
     * The advertised endpoints with each port 0 replaced by the port its listener bound and an
     * empty host by this machine's name.
     */
    private static List<Endpoint> advertisedEndpoints(BrokerConfig config, List<Endpoint> bound) throws UnknownHostException {
        List<Endpoint> result = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            Endpoint e = config.advertisedListeners().get(i);
            if (e.port() == 0) {
                e = e.withPort(bound.get(i).port());
            }
            if (e.host().isEmpty()) {
                e = e.withHost(InetAddress.getLocalHost().getCanonicalHostName());
            }
            result.add(e);
        }
        return List.copyOf(result);
    }

    /** The endpoints clients are told to use, one per listener, with real ports. */
    public List<Endpoint> advertisedEndpoints() {
        return cluster.endpoints();
    }

    /** The replicas this broker hosts, as leader or follower; cluster metadata feeds it images. */
    public ReplicaManager replicas() {
        return replicas;
    }

    public ClusterMetadata cluster() {
        return cluster;
    }

    public BrokerConfig config() {
        return config;
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Shutting down broker " + config.nodeId());
        try {
            zooKeeper.controlledShutdown(); // leaderships move while the listeners still answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Controlled shutdown failed; stopping without it: " + e.getMessage());
        }
        socketServer.beginShutdown();
        delayedFetches.expireAll();
        groupCoordinator.shutdown(); // answers parked JoinGroup/SyncGroup requests, so connections can drain
        socketServer.awaitConnectionsClosed(DRAIN_TIMEOUT);
        socketServer.close();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Background work did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replicas.close(); // fetchers stopped, high watermarks checkpointed, before the logs close
        zooKeeper.close();
        try {
            logManager.shutdown();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Closing the logs failed; they will be recovered at the next start", e);
        }
        stopped.countDown();
        LOG.log(System.Logger.Level.INFO, "Broker " + config.nodeId() + " stopped");
    }
}
