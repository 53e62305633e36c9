package io.spool.broker.it;

import io.spool.broker.Broker;
import io.spool.broker.config.BrokerConfig;
import io.spool.replication.partition.Partition;
import io.spool.replication.zk.EmbeddedZooKeeper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three in-process brokers on one ZooKeeper: a replication-factor-3 topic written with acks=all by
 * a stock producer ends byte-identical on every replica; with a follower stopped the ISR shrinks
 * and writes go on; with the leader stopped another replica leads and every acknowledged record is
 * still there, in order.
 */
class ClusterReplicationIT {
    private static final String TOPIC = "rf3";

    @TempDir
    Path dir;

    @Test
    void acknowledgedRecordsSurviveAFollowerAndThenTheLeaderStopping() throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir.resolve("zk"), 0)) {
            Map<Integer, Broker> brokers = new HashMap<>();
            try {
                for (int id = 1; id <= 3; id++) {
                    brokers.put(id, start(zk, id));
                }
                String bootstrap = bootstrap(brokers);
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                    admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                            .all().get();
                }
                Await.until("every broker hosts a replica with a leader", () -> brokers.values().stream().allMatch(b ->
                        b.replicas().get(TOPIC, 0).map(p -> p.leaderId() > 0).orElse(false)));

                List<String> acknowledged = new ArrayList<>();
                produce(bootstrap, 0, 100, acknowledged);
                Await.until("all replicas at the high watermark 100", () -> brokers.values().stream()
                        .allMatch(b -> partition(b).log().logEndOffset() == 100 && partition(b).highWatermark() == 100));
                byte[] leaderBytes = Files.readAllBytes(segment(partition(brokers.get(leaderId(brokers)))));
                for (Broker b : brokers.values()) {
                    assertArrayEquals(leaderBytes, Files.readAllBytes(segment(partition(b))), "replica on broker " + b.config().nodeId());
                }

                int leader = leaderId(brokers);
                int follower = brokers.keySet().stream().filter(id -> id != leader).findFirst().orElseThrow();
                brokers.remove(follower).close();
                Await.until("the ISR drops the stopped follower", () -> !partition(brokers.get(leader)).isr().contains(follower));
                produce(bootstrap(brokers), 100, 150, acknowledged);
                assertEquals(150, partition(brokers.get(leader)).highWatermark());

                brokers.remove(leader).close();
                Broker survivor = brokers.values().iterator().next();
                Await.until("the last replica leads", () -> partition(survivor).isLeader());
                assertEquals(acknowledged, consumeAll(bootstrap(brokers), acknowledged.size()));
            } finally {
                brokers.values().forEach(Broker::close);
            }
        }
    }

    private Broker start(EmbeddedZooKeeper zk, int id) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("node.id", Integer.toString(id));
        props.put("listeners", "PLAINTEXT://127.0.0.1:0");
        props.put("log.dirs", dir.resolve("broker-" + id).toString());
        props.put("zookeeper.connect", zk.connectString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("replica.lag.time.max.ms", "2000");
        props.put("replica.fetch.wait.max.ms", "100");
        props.put("replica.fetch.backoff.ms", "100");
        return Broker.start(BrokerConfig.from(props));
    }

    private static String bootstrap(Map<Integer, Broker> brokers) {
        return String.join(",", brokers.values().stream().map(b -> "127.0.0.1:" + b.advertisedEndpoints().get(0).port()).toList());
    }

    private static Partition partition(Broker broker) {
        return broker.replicas().get(TOPIC, 0).orElseThrow();
    }

    private static int leaderId(Map<Integer, Broker> brokers) {
        return partition(brokers.values().iterator().next()).leaderId();
    }

    private static Path segment(Partition partition) {
        return partition.log().dir().resolve("00000000000000000000.log");
    }

    private static void produce(String bootstrap, int from, int to, List<String> acknowledged) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k" + i, "v" + i)).get();
                acknowledged.add("v" + i);
            }
        }
    }

    private static List<String> consumeAll(String bootstrap, int expected) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
