package io.spool.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stock consumers (kafka-clients 4.4, classic protocol) in groups against an in-process broker. */
class ConsumerGroupsIT {
    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 4;

    @TempDir
    Path dataDir;
    TestBroker broker;
    Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(dataDir);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()));
        admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void subscribersShareThePartitionsAndCommitTheirProgress() throws Exception {
        produce(0, 40);
        try (KafkaConsumer<String, String> first = consumer("billing")) {
            first.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, String>> records = pollUntil(first, 40);
            assertEquals(40, records.size());
            first.commitSync();
            assertEquals(Map.of(0, 10L, 1, 10L, 2, 10L, 3, 10L), committed("billing"));

            try (KafkaConsumer<String, String> second = consumer("billing")) {
                second.subscribe(List.of(TOPIC));
                Await.until("the partitions split between both members", () -> {
                    first.poll(Duration.ofMillis(50));
                    second.poll(Duration.ofMillis(50));
                    Set<TopicPartition> a = first.assignment();
                    Set<TopicPartition> b = second.assignment();
                    Set<TopicPartition> all = new HashSet<>(a);
                    all.addAll(b);
                    return !a.isEmpty() && !b.isEmpty() && a.size() + b.size() == PARTITIONS && all.size() == PARTITIONS;
                });
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("billing")).all().get().get("billing");
                assertEquals(GroupState.STABLE, group.groupState());
                assertEquals(2, group.members().size());
                assertEquals("range", group.partitionAssignor());

                // The new member starts where the group left off: only new records arrive.
                produce(40, 8);
                List<ConsumerRecord<String, String>> more = new ArrayList<>();
                Await.until("the 8 new records", () -> {
                    first.poll(Duration.ofMillis(50)).forEach(more::add);
                    second.poll(Duration.ofMillis(50)).forEach(more::add);
                    return more.size() >= 8;
                });
                assertEquals(8, more.size());
                assertTrue(more.stream().allMatch(r -> r.offset() >= 10), "no record is delivered twice");
                first.commitSync();
                second.commitSync();
            }
        }
        assertEquals(Map.of(0, 12L, 1, 12L, 2, 12L, 3, 12L), committed("billing"));
        Map<String, GroupListing> groups = admin.listGroups().all().get().stream()
                .collect(Collectors.toMap(GroupListing::groupId, g -> g));
        assertEquals(GroupState.EMPTY, groups.get("billing").groupState().orElseThrow());

        TopicDescription offsets = admin.describeTopics(List.of("__consumer_offsets")).allTopicNames().get().get("__consumer_offsets");
        assertTrue(offsets.isInternal());
        assertEquals(50, offsets.partitions().size());
        assertTrue(admin.listTopics().names().get().equals(Set.of(TOPIC)), "internal topics are not listed by default");
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "__consumer_offsets");
        assertEquals("compact", admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value());

        admin.deleteConsumerGroups(List.of("billing")).all().get();
        assertTrue(committed("billing").isEmpty());
    }

    @Test
    void committedOffsetsSurviveARestart() throws Exception {
        produce(0, 20);
        TopicPartition first = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = consumer("audit")) {
            consumer.subscribe(List.of(TOPIC));
            assertEquals(20, pollUntil(consumer, 20).size());
            consumer.commitSync();
            consumer.commitSync(Map.of(first, new OffsetAndMetadata(3, "rewound")));
        }
        broker.restart();
        assertEquals(Map.of(0, 3L, 1, 5L, 2, 5L, 3, 5L), committed("audit"));
        assertEquals("rewound", admin.listConsumerGroupOffsets("audit").partitionsToOffsetAndMetadata().get().get(first).metadata());

        produce(20, 4);
        try (KafkaConsumer<String, String> consumer = consumer("audit")) {
            consumer.subscribe(List.of(TOPIC));
            Map<Integer, List<Long>> offsets = pollUntil(consumer, 6).stream().collect(Collectors.groupingBy(
                    ConsumerRecord::partition, Collectors.mapping(ConsumerRecord::offset, Collectors.toList())));
            assertEquals(Map.of(0, List.of(3L, 4L, 5L), 1, List.of(5L), 2, List.of(5L), 3, List.of(5L)), offsets);
        }
    }

    @Test
    void deletingATopicDropsTheOffsetsCommittedForIt() throws Exception {
        admin.createTopics(List.of(new NewTopic("scratch", 1, (short) 1))).all().get();
        admin.alterConsumerGroupOffsets("reports", Map.of(
                new TopicPartition(TOPIC, 1), new OffsetAndMetadata(0),
                new TopicPartition("scratch", 0), new OffsetAndMetadata(0))).all().get();
        assertEquals(Set.of(TOPIC, "scratch"), committedTopics("reports"));

        admin.deleteTopics(List.of("scratch")).all().get();
        Await.until("the offsets of the deleted topic to go", () -> committedTopics("reports").equals(Set.of(TOPIC)));

        ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, "0");
        var brokerConfig = admin.describeConfigs(List.of(brokerResource)).all().get().get(brokerResource);
        assertEquals("1", brokerConfig.get("offsets.topic.replication.factor").value());
        assertEquals("50", brokerConfig.get("offsets.topic.num.partitions").value());
        assertEquals("true", brokerConfig.get("log.cleaner.enable").value());
    }

    private Set<String> committedTopics(String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().keySet().stream()
                    .map(TopicPartition::topic).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "200");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int expected)
            throws InterruptedException {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Await.until(expected + " records", () -> {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            return records.size() >= expected;
        });
        return records;
    }

    /** Records {@code first} .. {@code first + count - 1}, spread round-robin over the partitions. */
    private void produce(int first, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = first; i < first + count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    private Map<Integer, Long> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }
}
