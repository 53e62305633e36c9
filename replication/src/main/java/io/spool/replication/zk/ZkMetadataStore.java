package io.spool.replication.zk;

import io.spool.log.TopicPartition;
import io.spool.log.time.Time;
import io.spool.replication.cluster.BrokerInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The writes brokers and the controller make to the metadata, each a small ZooKeeper operation.
 * Every method blocks on the network: call it off the event loops.
 */
public final class ZkMetadataStore {
    private static final System.Logger LOG = System.getLogger(ZkMetadataStore.class.getName());
    private static final long REGISTRATION_POLL_MS = 200;

    private final CuratorFramework client;
    private final Time time;

    public ZkMetadataStore(CuratorFramework client, Time time) {
        this.client = client;
        this.time = time;
    }

    public CuratorFramework client() {
        return client;
    }

    /** The cluster id stored in ZooKeeper, storing {@code proposed} first when there is none. */
    public String ensureClusterId(String proposed) {
        try {
            try {
                client.create().creatingParentsIfNeeded().forPath(ZkPaths.CLUSTER_ID, ZkText.utf8(proposed));
                return proposed;
            } catch (KeeperException.NodeExistsException e) {
                return ZkText.string(client.getData().forPath(ZkPaths.CLUSTER_ID));
            }
        } catch (Exception e) {
            throw failure("Reading the cluster id", e);
        }
    }

    /** The stored cluster id, or empty before the first broker stored one. */
    public Optional<String> clusterId() {
        return read(ZkPaths.CLUSTER_ID).map(ZkText::string);
    }

    /**
     * Registers the broker (ephemeral {@code /brokers/ids/<id>}). A registration left by an earlier
     * session of the same id (a killed process) lingers until that session expires: this waits for
     * it, up to {@code maxWait}.
     *
     * @throws ZkException when another live broker holds the id after {@code maxWait}
     */
    public void registerBroker(BrokerInfo broker, Duration maxWait) throws InterruptedException {
        String path = ZkPaths.broker(broker.id());
        long deadline = time.milliseconds() + maxWait.toMillis();
        boolean told = false;
        while (true) {
            try {
                client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, ZkCodec.broker(broker));
                return;
            } catch (KeeperException.NodeExistsException e) {
                Stat stat = stat(path);
                if (stat != null && stat.getEphemeralOwner() == sessionId()) {
                    setData(path, ZkCodec.broker(broker), -1);
                    return;
                }
                if (time.milliseconds() >= deadline) {
                    throw new ZkException("Broker id " + broker.id() + " is registered by another live broker (" + path
                            + " did not go away within " + maxWait.toMillis() + " ms)");
                }
                if (!told) {
                    LOG.log(System.Logger.Level.INFO, "Waiting for the registration of an earlier broker " + broker.id()
                            + " to expire with its session");
                    told = true;
                }
                Thread.sleep(REGISTRATION_POLL_MS);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw failure("Registering broker " + broker.id(), e);
            }
        }
    }

    public void deregisterBroker(int brokerId) {
        deleteIfExists(ZkPaths.broker(brokerId));
    }

    /**
     * Registers a topic: its config overrides and its assignment in one transaction.
     *
     * @return false when a topic of that name exists
     */
    public boolean createTopic(String name, TopicAssignment assignment, Map<String, String> configs) {
        try {
            ensurePath(ZkPaths.TOPIC_CONFIGS);
            ensurePath(ZkPaths.TOPICS);
            List<CuratorOp> ops = new ArrayList<>();
            if (stat(ZkPaths.topicConfig(name)) != null) {
                ops.add(client.transactionOp().setData().forPath(ZkPaths.topicConfig(name), ZkText.encode(configs)));
            } else {
                ops.add(client.transactionOp().create().forPath(ZkPaths.topicConfig(name), ZkText.encode(configs)));
            }
            ops.add(client.transactionOp().create().forPath(ZkPaths.topic(name), ZkCodec.topic(assignment)));
            client.transaction().forOperations(ops);
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (Exception e) {
            throw failure("Creating topic " + name, e);
        }
    }

    /** Replaces the topic's config overrides. */
    public void setTopicConfig(String topic, Map<String, String> configs) {
        upsert(ZkPaths.topicConfig(topic), ZkText.encode(configs));
    }

    /** The topic's stored config overrides. */
    public Map<String, String> topicConfig(String topic) {
        return read(ZkPaths.topicConfig(topic)).map(ZkText::decode).orElse(Map.of());
    }

    /** Asks the controller to delete the topic (its state, assignment and configs; brokers then delete their logs). */
    public void requestTopicDeletion(String topic) {
        try {
            client.create().creatingParentsIfNeeded().forPath(ZkPaths.deleteTopic(topic));
        } catch (KeeperException.NodeExistsException e) {
            // already asked
        } catch (Exception e) {
            throw failure("Requesting deletion of " + topic, e);
        }
    }

    /** Asks the controller to move every partition this broker leads elsewhere; the request lives as long as the session. */
    public void requestControlledShutdown(int brokerId) {
        try {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.controlledShutdown(brokerId));
        } catch (KeeperException.NodeExistsException e) {
            // already asked in this session
        } catch (Exception e) {
            throw failure("Requesting controlled shutdown of " + brokerId, e);
        }
    }

    /** Asks the controller to move these partitions to their preferred leader where it is alive and in sync. */
    public void requestPreferredElection(Collection<TopicPartition> partitions) {
        List<String> names = partitions.stream().map(tp -> tp.topic() + ":" + tp.partition()).toList();
        try {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(ZkPaths.PREFERRED_ELECTION + "/request-", ZkText.encode(Map.of("partitions", String.join(",", names))));
        } catch (Exception e) {
            throw failure("Requesting a preferred leader election", e);
        }
    }

    /**
     * Reserves the next {@code size} producer ids with a conditional update of
     * {@code /latest_producer_id_block}, retrying when another broker got there first.
     */
    public ProducerIdBlock allocateProducerIds(int brokerId, int size) {
        while (true) {
            Stat stat = new Stat();
            Optional<byte[]> current = readWithStat(ZkPaths.PRODUCER_ID_BLOCK, stat);
            long start = current.map(d -> Long.parseLong(ZkText.decode(d).get("block_end")) + 1).orElse(0L);
            ProducerIdBlock block = new ProducerIdBlock(brokerId, start, start + size - 1);
            byte[] data = ZkText.encode(Map.of("version", "1", "broker", Integer.toString(brokerId),
                    "block_start", Long.toString(block.start()), "block_end", Long.toString(block.end())));
            try {
                if (current.isEmpty()) {
                    client.create().forPath(ZkPaths.PRODUCER_ID_BLOCK, data);
                } else {
                    client.setData().withVersion(stat.getVersion()).forPath(ZkPaths.PRODUCER_ID_BLOCK, data);
                }
                return block;
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException e) {
                // another broker took a block meanwhile; take the next one
            } catch (Exception e) {
                throw failure("Reserving producer ids", e);
            }
        }
    }

    /** Creates a partition's first state; false when it exists. */
    public boolean createPartitionState(TopicPartition tp, byte[] state) {
        try {
            client.create().creatingParentsIfNeeded().forPath(ZkPaths.partitionState(tp.topic(), tp.partition()), state);
            return true;
        } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw failure("Creating the state of " + tp, e);
        }
    }

    /** Replaces a partition's state if its znode is still at {@code expectedVersion}; the new version, or empty when it had moved. */
    public OptionalInt updatePartitionState(TopicPartition tp, byte[] state, int expectedVersion) {
        try {
            Stat stat = client.setData().withVersion(expectedVersion).forPath(ZkPaths.partitionState(tp.topic(), tp.partition()), state);
            return OptionalInt.of(stat.getVersion());
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return OptionalInt.empty();
        } catch (Exception e) {
            throw failure("Updating the state of " + tp, e);
        }
    }

    /**
     * The controller's first write of a partition's state, made only while {@code /controller_epoch}
     * is at {@code controllerEpochVersion} (no newer controller was elected); false otherwise or when it exists.
     */
    public boolean createPartitionStateFenced(TopicPartition tp, byte[] state, int controllerEpochVersion) {
        String path = ZkPaths.partitionState(tp.topic(), tp.partition());
        try {
            String partition = path.substring(0, path.lastIndexOf('/'));
            ensurePath(partition);
            client.transaction().forOperations(
                    client.transactionOp().check().withVersion(controllerEpochVersion).forPath(ZkPaths.CONTROLLER_EPOCH),
                    client.transactionOp().create().forPath(path, state));
            return true;
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw failure("Creating the state of " + tp, e);
        }
    }

    /** The controller's conditional update of a partition's state, fenced like {@link #createPartitionStateFenced}. */
    public boolean updatePartitionStateFenced(TopicPartition tp, byte[] state, int expectedVersion, int controllerEpochVersion) {
        try {
            client.transaction().forOperations(
                    client.transactionOp().check().withVersion(controllerEpochVersion).forPath(ZkPaths.CONTROLLER_EPOCH),
                    client.transactionOp().setData().withVersion(expectedVersion).forPath(ZkPaths.partitionState(tp.topic(), tp.partition()), state));
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw failure("Updating the state of " + tp, e);
        }
    }

    /** Removes everything of a deleted topic, the deletion request last. */
    public void deleteTopicData(String topic) {
        deleteIfExists(ZkPaths.topic(topic));
        deleteIfExists(ZkPaths.topicConfig(topic));
        deleteIfExists(ZkPaths.deleteTopic(topic));
    }

    public void deleteIfExists(String path) {
        try {
            client.delete().deletingChildrenIfNeeded().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // gone already
        } catch (Exception e) {
            throw failure("Deleting " + path, e);
        }
    }

    /** This client's ZooKeeper session, 0 while disconnected. */
    public long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The znode's stat, or null when it does not exist. */
    public Stat stat(String path) {
        try {
            return client.checkExists().forPath(path);
        } catch (Exception e) {
            throw failure("Reading " + path, e);
        }
    }

    public Optional<byte[]> read(String path) {
        return readWithStat(path, new Stat());
    }

    public Optional<byte[]> readWithStat(String path, Stat stat) {
        try {
            return Optional.of(client.getData().storingStatIn(stat).forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure("Reading " + path, e);
        }
    }

    /** Sets the data, creating the znode (and its parents) when missing. */
    public void upsert(String path, byte[] data) {
        try {
            try {
                client.setData().forPath(path, data);
            } catch (KeeperException.NoNodeException e) {
                client.create().creatingParentsIfNeeded().forPath(path, data);
            }
        } catch (Exception e) {
            throw failure("Writing " + path, e);
        }
    }

    /** Creates the znode with {@code data}; false when it exists. */
    public boolean createIfAbsent(String path, byte[] data, CreateMode mode) {
        try {
            client.create().creatingParentsIfNeeded().withMode(mode).forPath(path, data);
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (Exception e) {
            throw failure("Creating " + path, e);
        }
    }

    /** Conditional set; false when the version moved or the node is gone. */
    public boolean setData(String path, byte[] data, int expectedVersion) {
        try {
            client.setData().withVersion(expectedVersion).forPath(path, data);
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw failure("Writing " + path, e);
        }
    }

    private void ensurePath(String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException e) {
            // there already
        }
    }

    private static ZkException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new ZkException(what + " failed: " + e, e);
    }
}
