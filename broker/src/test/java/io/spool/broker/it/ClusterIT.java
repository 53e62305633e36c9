package io.spool.broker.it;

import io.spool.broker.Broker;
import io.spool.broker.config.BrokerConfig;
import io.spool.replication.zk.EmbeddedZooKeeper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three in-process brokers sharing one in-test ZooKeeper: metadata, replica placement, leader and controller failover. */
class ClusterIT {
    @TempDir
    Path dir;
    private EmbeddedZooKeeper zk;
    private final Map<Integer, Broker> brokers = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        zk = EmbeddedZooKeeper.start(dir.resolve("zk"), 0);
        for (int id = 1; id <= 3; id++) {
            brokers.put(id, startBroker(id));
        }
    }

    private Broker startBroker(int id) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("node.id", Integer.toString(id));
        props.put("listeners", "PLAINTEXT://127.0.0.1:0");
        props.put("log.dirs", dir.resolve("broker-" + id).toString());
        props.put("zookeeper.connect", zk.connectString() + "/spool");
        props.put("zookeeper.session.timeout.ms", "4000");
        props.put("offsets.topic.replication.factor", "3");
        props.put("group.initial.rebalance.delay.ms", "0");
        return Broker.start(BrokerConfig.from(props));
    }

    @AfterEach
    void stop() {
        brokers.values().forEach(Broker::close);
        zk.close();
    }

    private String bootstrap() {
        return brokers.values().stream().map(b -> "127.0.0.1:" + b.advertisedEndpoints().get(0).port()).collect(Collectors.joining(","));
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    @Test
    void metadataShowsEveryBrokerAndTopicsGetThreeReplicasWithSpreadLeaders() throws Exception {
        try (Admin admin = admin()) {
            Await.until("all brokers in the metadata", () -> nodes(admin).size() == 3);
            assertTrue(Set.of(1, 2, 3).contains(admin.describeCluster().controller().get().id()));
            admin.createTopics(List.of(new NewTopic("r3", 6, (short) 3))).all().get();
            TopicDescription d = describe(admin, "r3");
            assertEquals(6, d.partitions().size());
            Map<Integer, Integer> leaders = new HashMap<>();
            for (TopicPartitionInfo p : d.partitions()) {
                assertEquals(3, new HashSet<>(p.replicas()).size(), p.toString());
                assertEquals(p.replicas().get(0), p.leader(), "the preferred replica leads at first: " + p);
                assertEquals(3, p.isr().size(), p.toString());
                leaders.merge(p.leader().id(), 1, Integer::sum);
            }
            assertEquals(Map.of(1, 2, 2, 2, 3, 2), leaders);
            ExecutionException tooMany = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic("r4", 1, (short) 4))).all().get());
            assertInstanceOf(InvalidReplicationFactorException.class, tooMany.getCause());
        }
    }

    @Test
    void stoppedBrokersPartitionsGetNewLeadersFromTheIsr() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("moves", 3, (short) 3))).all().get();
            int stopped = describe(admin, "moves").partitions().get(0).leader().id();
            int controller = admin.describeCluster().controller().get().id();
            if (stopped == controller) {
                stopped = describe(admin, "moves").partitions().get(1).leader().id();
            }
            int victim = stopped;
            brokers.remove(victim).close();
            Await.until("new leaders for the stopped broker's partitions", () -> {
                try {
                    for (TopicPartitionInfo p : describe(admin, "moves").partitions()) {
                        if (p.leader() == null || p.leader().id() == victim || p.isr().stream().anyMatch(n -> n.id() == victim)) {
                            return false;
                        }
                    }
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(2, nodes(admin).size());
        }
    }

    @Test
    void aNewControllerIsElectedAndTopicCreationWorksAgain() throws Exception {
        try (Admin admin = admin()) {
            int first = admin.describeCluster().controller().get().id();
            brokers.remove(first).close();
            Await.until("another controller", () -> {
                try {
                    Node c = admin.describeCluster().controller().get();
                    return c != null && c.id() != first && c.id() >= 0;
                } catch (Exception e) {
                    return false;
                }
            });
            admin.createTopics(List.of(new NewTopic("after-failover", 4, (short) 2))).all().get();
            TopicDescription d = describe(admin, "after-failover");
            for (TopicPartitionInfo p : d.partitions()) {
                assertNotEquals(null, p.leader(), p.toString());
                assertTrue(p.replicas().stream().noneMatch(n -> n.id() == first), p.toString());
            }
            brokers.put(first, startBroker(first));
            Await.until("the restarted broker in the metadata", () -> nodes(admin).size() == 3);
        }
    }

    private static List<Node> nodes(Admin admin) {
        try {
            return new ArrayList<>(admin.describeCluster().nodes().get());
        } catch (Exception e) {
            return List.of();
        }
    }
}
