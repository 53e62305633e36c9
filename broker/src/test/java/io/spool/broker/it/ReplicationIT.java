package io.spool.broker.it;

import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.LogManagerConfig;
import io.spool.log.TopicPartition;
import io.spool.log.time.Time;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.partition.HighWatermarkCheckpoints;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.PartitionListener;
import io.spool.replication.partition.ReplicaConfig;
import io.spool.replication.partition.ReplicaManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replication between a broker and a follower replica over the network: the broker leads a topic
 * whose image names a second replica, served by a {@link ReplicaManager} of its own in this test
 * (its fetcher talks to the broker's Fetch handler as another broker would). Until ZooKeeper
 * metadata drives several brokers, the test hands both sides the same cluster image.
 */
class ReplicationIT {
    private static final String TOPIC = "replicated";

    @TempDir
    Path leaderDir;
    @TempDir
    Path followerDir;

    @Test
    void acksAllWaitsForTheFollowerAndBothLogsEndIdentical() throws Exception {
        try (TestBroker leader = TestBroker.start(leaderDir)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, leader.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            ClusterImage image = withFollower(leader, 2);
            LogManager followerLogs = LogManager.start(new LogManagerConfig(List.of(followerDir), 300_000, 60_000, 60_000, 1_000,
                    86_400_000, 600_000), LogConfig.defaults(), name -> LogConfig.defaults(), Time.SYSTEM);
            ReplicaManager follower = new ReplicaManager(2, followerLogs, new ReplicaConfig(30_000, 1 << 20, 10 << 20, 200, 1, 100,
                    10_000, 1, 60_000, Optional.empty()), (tp, state, isr) -> CompletableFuture.completedFuture(Optional.empty()),
                    Time.SYSTEM, new PartitionListener() {
                    }, new HighWatermarkCheckpoints(List.of(followerDir)));
            try {
                leader.broker().replicas().onImage(leader.broker().replicas().image(), image);
                follower.onImage(follower.image(), image);

                Properties props = new Properties();
                props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, leader.bootstrap());
                props.put(ProducerConfig.ACKS_CONFIG, "all");
                props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                    for (int i = 0; i < 50; i++) {
                        producer.send(new ProducerRecord<>(TOPIC, 0, "k" + i, "v" + i)).get();
                        // acknowledged with acks=all: the follower holds the record already
                        long acked = i + 1;
                        Partition copy = follower.get(TOPIC, 0).orElseThrow();
                        assertEquals(true, copy.log().logEndOffset() >= acked, "follower has offset " + i + " once it is acknowledged");
                    }
                }
                Partition leaderPartition = leader.broker().replicas().get(TOPIC, 0).orElseThrow();
                Partition followerPartition = follower.get(TOPIC, 0).orElseThrow();
                assertEquals(50, leaderPartition.highWatermark());
                Await.until("the follower learns the high watermark", () -> followerPartition.highWatermark() == 50);
                assertArrayEquals(Files.readAllBytes(segment(leaderPartition)), Files.readAllBytes(segment(followerPartition)));
                assertEquals(leaderPartition.log().leaderEpochs().entries(), followerPartition.log().leaderEpochs().entries());
            } finally {
                follower.close();
                followerLogs.shutdown();
            }
        }
    }

    @Test
    void fetchClaimingTheIdOfABrokerThatIsNoReplicaIsRefusedAsKafkaDoes() throws Exception {
        try (TestBroker leader = TestBroker.start(leaderDir); RawClient client = new RawClient(leader.port())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, leader.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            Map<org.apache.kafka.common.TopicPartition, FetchRequest.PartitionData> wanted = new LinkedHashMap<>();
            wanted.put(new org.apache.kafka.common.TopicPartition(TOPIC, 0),
                    new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, -1, 1 << 20, Optional.empty()));
            FetchResponse response = client.roundTrip(FetchRequest.Builder.forReplica((short) 12, 7, -1, 0, 1, wanted).build((short) 12));
            assertEquals(Errors.NOT_LEADER_OR_FOLLOWER.code(), response.data().responses().get(0).partitions().get(0).errorCode());
            wanted.put(new org.apache.kafka.common.TopicPartition(TOPIC, 0),
                    new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, -1, 1 << 20, Optional.of(0)));
            FetchResponse withEpoch = client.roundTrip(FetchRequest.Builder.forReplica((short) 12, 7, -1, 0, 1, wanted).build((short) 12));
            assertEquals(Errors.UNKNOWN_LEADER_EPOCH.code(), withEpoch.data().responses().get(0).partitions().get(0).errorCode());
        }
    }

    /** The broker's image with the topic's partition assigned to it and {@code followerId}, in a new leader epoch. */
    private static ClusterImage withFollower(TestBroker leader, int followerId) {
        ClusterImage current = leader.broker().replicas().image();
        int leaderId = leader.broker().config().nodeId();
        TopicInfo topic = current.topic(TOPIC).orElseThrow();
        PartitionInfo partition = new PartitionInfo(new TopicPartition(TOPIC, 0), topic.id(), List.of(leaderId, followerId),
                Optional.of(new PartitionState(leaderId, 1, List.of(leaderId, followerId), 1, 1)));
        TopicInfo replicated = new TopicInfo(TOPIC, topic.id(), topic.configs(), List.of(partition));
        Map<String, TopicInfo> topics = new HashMap<>(current.topics());
        topics.put(TOPIC, replicated);
        Map<java.util.UUID, TopicInfo> byId = new HashMap<>(current.topicsById());
        byId.put(topic.id(), replicated);
        Map<Integer, BrokerInfo> brokers = new HashMap<>(current.brokers());
        brokers.put(followerId, new BrokerInfo(followerId, List.of(new BrokerEndpoint("PLAINTEXT", "PLAINTEXT", "127.0.0.1", 1)),
                Optional.empty()));
        return new ClusterImage(current.clusterId(), current.controllerId(), brokers, topics, byId);
    }

    private static Path segment(Partition partition) {
        return partition.log().dir().resolve("00000000000000000000.log");
    }
}
