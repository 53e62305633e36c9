package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Committed offsets live in __consumer_offsets on disk: a broker killed with SIGKILL gives them back after restart. */
class GroupOffsetsRestartIT {
    @RegisterExtension
    static final BrokerExtension BROKER = GroupSettings.broker();

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void committedOffsetsSurviveKill9AndANewMemberResumesExactlyThere() {
        String topic = "resume";
        String group = "resume-group";
        int partitions = 3;
        Topics.create(BROKER.bootstrapServers(), topic, partitions, Map.of());
        NumberedRecords.send(BROKER.bootstrapServers(), topic, partitions, 0, 90);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        TopicPartition p2 = new TopicPartition(topic, 2);
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of(
                p0, new OffsetAndMetadata(5, "five"),
                p1, new OffsetAndMetadata(17, ""),
                p2, new OffsetAndMetadata(30, "at the end"));

        try (KafkaConsumer<byte[], byte[]> member = member(group, "earliest")) {
            member.subscribe(List.of(topic));
            Await.until("the member to be assigned every partition", READ_TIMEOUT, () -> {
                member.poll(Duration.ofMillis(100));
                return member.assignment().size() == partitions;
            });
            member.commitSync(Map.of(p0, new OffsetAndMetadata(2, "superseded")));
            member.commitSync(committed);
        }

        BROKER.broker().kill9();
        BROKER.broker().restart();

        try (Admin admin = Clients.admin(BROKER.bootstrapServers())) {
            assertEquals(committed, Topics.get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()),
                    "the group's offsets after the crash: the last commit of each partition, metadata included");
        }
        NumberedRecords.send(BROKER.bootstrapServers(), topic, partitions, 90, 3);
        try (KafkaConsumer<byte[], byte[]> resumed = member(group, "none")) {
            resumed.subscribe(List.of(topic));
            Map<Integer, Long> firstOffsets = new HashMap<>();
            Await.until("the new member to read from every partition", READ_TIMEOUT, () -> {
                for (ConsumerRecord<byte[], byte[]> r : resumed.poll(Duration.ofMillis(100))) {
                    firstOffsets.putIfAbsent(r.partition(), r.offset());
                }
                return firstOffsets.size() == partitions;
            });
            assertEquals(Map.of(0, 5L, 1, 17L, 2, 30L), firstOffsets, "first offset the new member reads per partition");
            assertEquals(committed, resumed.committed(Set.of(p0, p1, p2)), "committed() as the new member sees it");
        }
    }

    /** A group member that never commits on its own; with reset "none" it fails rather than guess a position. */
    private static KafkaConsumer<byte[], byte[]> member(String group, String offsetReset) {
        Map<String, Object> config = new HashMap<>(GroupSettings.fastRebalance());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
