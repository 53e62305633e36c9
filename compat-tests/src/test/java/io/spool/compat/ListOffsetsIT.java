package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Offset lookups by position and by time. Ten records with timestamps T0, T0+1s, ... except offset 5,
 * which carries the largest timestamp (T0+100s); offsets 0-4 are single-record batches, 5-9 one batch.
 */
class ListOffsetsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final long T0 = 1_700_000_000_000L;
    private static final long MAX_TIMESTAMP = T0 + 100_000;
    private static final int RECORDS = 10;
    private static final TopicPartition TIMED = new TopicPartition("timed", 0);
    private static final TopicPartition EMPTY = new TopicPartition("empty", 0);

    @BeforeAll
    static void writeTimedRecords() throws Exception {
        Map<String, String> keepForever = Map.of("retention.ms", "-1");
        Topics.create(BROKER.bootstrapServers(), TIMED.topic(), 1, keepForever);
        Topics.create(BROKER.bootstrapServers(), EMPTY.topic(), 1, keepForever);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers())) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, producer.send(record(i)).get().offset(), "offset of single-record batch " + i);
            }
            List<Future<RecordMetadata>> batch = new ArrayList<>();
            for (int i = 5; i < RECORDS; i++) {
                batch.add(producer.send(record(i)));
            }
            producer.flush();
            for (int i = 5; i < RECORDS; i++) {
                assertEquals(i, batch.get(i - 5).get().offset(), "offset of batched record " + i);
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> record(int i) {
        return new ProducerRecord<>(TIMED.topic(), TIMED.partition(), timestampOf(i), null, Payloads.key(i));
    }

    private static long timestampOf(int offset) {
        return offset == 5 ? MAX_TIMESTAMP : T0 + offset * 1000L;
    }

    @Test
    void consumerFindsOffsetsByTime() {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(BROKER.bootstrapServers())) {
            assertAll(
                    () -> assertFound(0, T0, byTime(consumer, 0L), "before everything"),
                    () -> assertFound(0, T0, byTime(consumer, T0), "exact first timestamp"),
                    () -> assertFound(3, T0 + 3000, byTime(consumer, T0 + 2500), "first record at or after T0+2.5s"),
                    () -> assertFound(5, MAX_TIMESTAMP, byTime(consumer, T0 + 6500),
                            "earliest offset whose timestamp is at or after T0+6.5s is the out-of-order one"),
                    () -> assertNull(byTime(consumer, MAX_TIMESTAMP + 1), "nothing that late"));
            Map<TopicPartition, OffsetAndTimestamp> empty = consumer.offsetsForTimes(Map.of(EMPTY, 0L));
            assertNull(empty.get(EMPTY), "an empty partition has no offset for any time");
        }
    }

    @Test
    void consumerFindsBeginningAndEndOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(BROKER.bootstrapServers())) {
            List<TopicPartition> both = List.of(TIMED, EMPTY);
            assertEquals(Map.of(TIMED, 0L, EMPTY, 0L), consumer.beginningOffsets(both), "beginning offsets");
            assertEquals(Map.of(TIMED, (long) RECORDS, EMPTY, 0L), consumer.endOffsets(both), "end offsets");
        }
    }

    @Test
    void adminListsOffsetsForEverySpec() {
        try (Admin admin = Clients.admin(BROKER.bootstrapServers())) {
            assertAll(
                    () -> assertEquals(0, list(admin, TIMED, OffsetSpec.earliest()).offset(), "earliest"),
                    () -> assertEquals(RECORDS, list(admin, TIMED, OffsetSpec.latest()).offset(), "latest"),
                    () -> {
                        ListOffsetsResultInfo max = list(admin, TIMED, OffsetSpec.maxTimestamp());
                        assertEquals(5, max.offset(), "offset of the largest timestamp");
                        assertEquals(MAX_TIMESTAMP, max.timestamp(), "largest timestamp");
                    },
                    () -> {
                        ListOffsetsResultInfo at = list(admin, TIMED, OffsetSpec.forTimestamp(T0 + 2500));
                        assertEquals(3, at.offset(), "first offset at or after T0+2.5s");
                        assertEquals(T0 + 3000, at.timestamp(), "its timestamp");
                    },
                    () -> assertEquals(-1, list(admin, TIMED, OffsetSpec.forTimestamp(MAX_TIMESTAMP + 1)).offset(),
                            "no offset that late"),
                    () -> assertEquals(0, list(admin, EMPTY, OffsetSpec.earliest()).offset(), "empty earliest"),
                    () -> assertEquals(0, list(admin, EMPTY, OffsetSpec.latest()).offset(), "empty latest"),
                    () -> assertEquals(-1, list(admin, EMPTY, OffsetSpec.maxTimestamp()).offset(),
                            "empty partition has no largest timestamp"));
        }
    }

    private static OffsetAndTimestamp byTime(KafkaConsumer<byte[], byte[]> consumer, long timestamp) {
        Map<TopicPartition, Long> query = new HashMap<>();
        query.put(TIMED, timestamp);
        return consumer.offsetsForTimes(query).get(TIMED);
    }

    private static void assertFound(long offset, long timestamp, OffsetAndTimestamp found, String what) {
        assertNotNull(found, what + ": nothing found");
        assertEquals(offset, found.offset(), what + ": offset");
        assertEquals(timestamp, found.timestamp(), what + ": timestamp");
    }

    private static ListOffsetsResultInfo list(Admin admin, TopicPartition partition, OffsetSpec spec) {
        return Topics.get(admin.listOffsets(Map.of(partition, spec)).partitionResult(partition));
    }
}
