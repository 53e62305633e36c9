package io.spool.broker;

import io.spool.broker.api.HandlerRegistry;
import io.spool.broker.api.metadata.ApiVersionsHandler;
import io.spool.broker.api.metadata.DescribeClusterHandler;
import io.spool.broker.api.metadata.MetadataHandler;
import io.spool.broker.api.producer.InitProducerIdHandler;
import io.spool.broker.cluster.LocalCluster;
import io.spool.broker.config.BrokerConfig;
import io.spool.broker.config.Endpoint;
import io.spool.broker.meta.MetaProperties;
import io.spool.broker.network.SocketServer;
import io.spool.broker.partition.PartitionManager;
import io.spool.broker.producer.FileProducerIdManager;
import io.spool.broker.topic.FileTopicStore;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running broker: storage opened, handlers registered, listeners accepting. {@link #start} returns
 * once clients can connect; {@link #close} stops it cleanly and is safe to call more than once.
 */
public final class Broker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broker.class.getName());
    private static final int PRODUCER_ID_BLOCK = 1000;

    private final BrokerConfig config;
    private final LocalCluster cluster;
    private final List<Endpoint> advertised;
    private final SocketServer socketServer;
    private final ExecutorService blocking;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Broker(BrokerConfig config, LocalCluster cluster, List<Endpoint> advertised, SocketServer socketServer,
                   ExecutorService blocking) {
        this.config = config;
        this.cluster = cluster;
        this.advertised = advertised;
        this.socketServer = socketServer;
        this.blocking = blocking;
    }

    /** Opens storage, binds the listeners and starts serving; throws if the data or the listeners are unusable. */
    public static Broker start(BrokerConfig config) throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        List<Path> logDirs = config.logDirs();
        String clusterId = MetaProperties.ensure(logDirs, config.nodeId(), random);
        Path dataDir = logDirs.get(0);
        FileTopicStore topicStore = FileTopicStore.open(dataDir, random);
        FileProducerIdManager producerIds = FileProducerIdManager.open(dataDir, PRODUCER_ID_BLOCK);
        PartitionManager partitions = new PartitionManager();
        for (Topic topic : topicStore.topics()) {
            partitions.create(topic);
        }

        ExecutorService blocking = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "spool-blocking");
            t.setDaemon(true);
            return t;
        });
        HandlerRegistry registry = new HandlerRegistry();
        SocketServer socketServer = new SocketServer(config, registry);
        List<Endpoint> advertised;
        try {
            advertised = advertisedEndpoints(config, socketServer.bind());
        } catch (RuntimeException | InterruptedException e) {
            socketServer.close();
            blocking.shutdownNow();
            throw e;
        }
        LocalCluster cluster = new LocalCluster(clusterId, config.nodeId(), advertised);
        TopicManager topics = new TopicManager(topicStore, partitions, blocking);

        registry.register(new ApiVersionsHandler(registry, cluster));
        registry.register(new MetadataHandler(cluster, topics, new MetadataHandler.AutoCreation(
                config.autoCreateTopicsEnable(), config.numPartitions(), config.defaultReplicationFactor())));
        registry.register(new DescribeClusterHandler(cluster));
        registry.register(new InitProducerIdHandler(producerIds, blocking));

        socketServer.startAccepting();
        LOG.log(System.Logger.Level.INFO, "Broker " + config.nodeId() + " of cluster " + clusterId + " serving " + advertised);
        return new Broker(config, cluster, advertised, socketServer, blocking);
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
        return advertised;
    }

    public LocalCluster cluster() {
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
        socketServer.close();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Background work did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
        LOG.log(System.Logger.Level.INFO, "Broker " + config.nodeId() + " stopped");
    }
}
