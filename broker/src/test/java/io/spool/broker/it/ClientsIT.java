package io.spool.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stock Java client (kafka-clients 4.4) against an in-process broker: admin, produce, fetch, restart. */
class ClientsIT {
    @TempDir
    Path dataDir;
    TestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(dataDir);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void adminDescribesClusterTopicsAndConfigs() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1).configs(Map.of("retention.ms", "3600000")))).all().get();
            ExecutionException dup = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get());
            assertInstanceOf(TopicExistsException.class, dup.getCause());

            DescribeClusterResult cluster = admin.describeCluster();
            assertEquals(broker.broker().cluster().clusterId(), cluster.clusterId().get());
            assertEquals(1, cluster.nodes().get().size());
            assertEquals(0, cluster.controller().get().id());

            TopicDescription orders = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
            assertEquals(3, orders.partitions().size());
            assertEquals(0, orders.partitions().get(2).leader().id());

            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertEquals("3600000", config.get("retention.ms").value());
            assertEquals("1073741824", config.get("segment.bytes").value());
            ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, "0");
            Config brokerConfig = admin.describeConfigs(List.of(brokerResource)).all().get().get(brokerResource);
            assertEquals("1", brokerConfig.get("num.partitions").value());

            admin.deleteTopics(List.of("orders")).all().get();
            assertTrue(admin.listTopics().names().get().isEmpty());
        }
    }

    @Test
    void producedRecordsAreFetchedBackAndSurviveARestart() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic("events", 2, (short) 1))).all().get();
        }
        List<RecordMetadata> sent = produce("events", 0, 200);
        assertEquals(200, sent.size());
        assertEquals(Map.of(0, 100L, 1, 100L), endOffsets("events"));
        assertEquals(200, consumeAll("events", 200).size());

        broker.restart();
        assertEquals(Map.of(0, 100L, 1, 100L), endOffsets("events"));
        List<ConsumerRecord<String, String>> again = consumeAll("events", 200);
        assertEquals("value-0", again.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow().value());

        List<RecordMetadata> more = produce("events", 200, 10);
        assertTrue(more.stream().allMatch(m -> m.offset() >= 100), "offsets continue after the restart");
    }

    @Test
    void autoCreatedTopicAcceptsRecords() throws Exception {
        List<RecordMetadata> sent = produce("created-on-demand", 0, 5);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), sent.stream().map(RecordMetadata::offset).toList());
        assertEquals(5, consumeAll("created-on-demand", 5).size());
    }

    /** Sends {@code count} records alternating between partitions 0 and 1 (partition 0 only for 1-partition topics). */
    private List<RecordMetadata> produce(String topic, int first, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        List<RecordMetadata> result = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            int partitions = producer.partitionsFor(topic).size();
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = first; i < first + count; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, i % partitions, "key-" + i, "value-" + i)));
            }
            for (Future<RecordMetadata> f : futures) {
                result.add(f.get());
            }
        }
        return result;
    }

    private Map<Integer, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<Integer, Long> result = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> result.put(tp.partition(), info.offset()));
            return result;
        }
    }

    private List<ConsumerRecord<String, String>> consumeAll(String topic, int expected) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Await.until(expected + " records of " + topic, () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        Map<Integer, Long> next = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            long expectedOffset = next.getOrDefault(r.partition(), 0L);
            assertEquals(expectedOffset, r.offset(), "offsets in order without gaps in partition " + r.partition());
            next.put(r.partition(), expectedOffset + 1);
        }
        return records;
    }
}
