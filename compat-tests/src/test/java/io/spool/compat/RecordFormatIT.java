package io.spool.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Record fields beyond key and value: headers, nulls versus empties, and both timestamp types. */
class RecordFormatIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    /** Old timestamps must not make time retention delete the records under test. */
    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");

    @Test
    void headersNullsEmptiesAndCreateTimestampsRoundTrip() throws Exception {
        String topic = "formats";
        Topics.create(BROKER.bootstrapServers(), topic, 1, KEEP_FOREVER);
        List<ProducerRecord<byte[], byte[]>> sent = List.of(
                record(topic, bytes("keyed"), bytes("with headers"), 1_600_000_000_000L,
                        header("trace", bytes("abc")), header("trace", bytes("repeated key")),
                        header("empty", new byte[0]), header("absent", null), header("ünïcødé", bytes("✓"))),
                record(topic, null, bytes("null key"), 1_600_000_000_001L),
                record(topic, bytes("tombstone"), null, 1_500_000_000_000L, header("h", bytes("z"))),
                record(topic, null, null, 1_600_000_000_002L),
                record(topic, new byte[0], new byte[0], 1L),
                record(topic, bytes("big"), Payloads.randomValue(7, 300_000), 1_600_000_000_003L));
        List<RecordMetadata> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers())) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            sent.forEach(r -> futures.add(producer.send(r)));
            for (Future<RecordMetadata> f : futures) {
                acks.add(f.get());
            }
        }

        List<ConsumerRecord<byte[], byte[]>> read =
                PartitionReader.readAll(BROKER.bootstrapServers(), List.of(new TopicPartition(topic, 0)));
        assertEquals(sent.size(), read.size(), "records read back");
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord<byte[], byte[]> expected = sent.get(i);
            ConsumerRecord<byte[], byte[]> actual = read.get(i);
            RecordMetadata ack = acks.get(i);
            assertAll("record " + i,
                    () -> assertEquals(ack.offset(), actual.offset(), "offset"),
                    () -> assertEquals(expected.timestamp(), ack.timestamp(), "acknowledged timestamp"),
                    () -> assertArrayEquals(expected.key(), actual.key(), "key (null stays null, empty stays empty)"),
                    () -> assertArrayEquals(expected.value(), actual.value(), "value (null stays null)"),
                    () -> assertEquals(TimestampType.CREATE_TIME, actual.timestampType(), "timestamp type"),
                    () -> assertEquals(expected.timestamp(), actual.timestamp(), "timestamp"),
                    () -> assertEquals(headers(expected.headers().toArray()), headers(actual.headers().toArray()),
                            "headers, in order, repeats and null values kept"));
        }
    }

    @Test
    void logAppendTimeTopicStampsRecordsWithBrokerTime() throws Exception {
        String topic = "log-append-time";
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of("message.timestamp.type", "LogAppendTime"));
        long clientCreateTime = 1_000_000L;
        int count = 20;
        List<RecordMetadata> acks = new ArrayList<>();
        long before = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers())) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(producer.send(record(topic, null, bytes("v" + i), clientCreateTime)));
            }
            for (Future<RecordMetadata> f : futures) {
                acks.add(f.get());
            }
        }
        long after = System.currentTimeMillis();

        List<ConsumerRecord<byte[], byte[]>> read =
                PartitionReader.readAll(BROKER.bootstrapServers(), List.of(new TopicPartition(topic, 0)));
        assertEquals(count, read.size(), "records read back");
        for (int i = 0; i < count; i++) {
            RecordMetadata ack = acks.get(i);
            ConsumerRecord<byte[], byte[]> actual = read.get(i);
            assertNotEquals(clientCreateTime, ack.timestamp(), "acknowledged timestamp is the broker's, record " + i);
            assertTrue(ack.timestamp() >= before && ack.timestamp() <= after,
                    "append time " + ack.timestamp() + " lies within the produce call [" + before + ", " + after + "]");
            assertEquals(TimestampType.LOG_APPEND_TIME, actual.timestampType(), "timestamp type of record " + i);
            assertEquals(ack.timestamp(), actual.timestamp(), "stored timestamp equals the acknowledged one, record " + i);
            assertArrayEquals(bytes("v" + i), actual.value(), "value of record " + i);
        }
    }

    /**
     * Kafka rolls a segment by time when a new batch's timestamp is {@code segment.ms} past the segment's first
     * batch's, not the wall clock's: records from long ago that lie close together share a segment.
     */
    @Test
    void oldCreateTimestampsCloseTogetherShareOneSegment() throws Exception {
        String topic = "old-timestamps";
        Topics.create(BROKER.bootstrapServers(), topic, 1, KEEP_FOREVER);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers())) {
            for (int i = 0; i < 10; i++) {
                producer.send(record(topic, null, bytes("v" + i), 1_600_000_000_000L + i)).get();
            }
        }
        assertEquals(1, BROKER.broker().segmentFiles(topic, 0),
                "segments for ten single-record batches whose timestamps span 9 ms (segment.ms is 7 days)");
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value, long timestamp,
                                                        Header... headers) {
        return new ProducerRecord<>(topic, null, timestamp, key, value, Arrays.asList(headers));
    }

    private static Header header(String key, byte[] value) {
        return new RecordHeader(key, value);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    /** Headers as comparable text: {@code key=hex} with {@code null} for an absent value. */
    private static List<String> headers(Header[] headers) {
        List<String> text = new ArrayList<>();
        for (Header h : headers) {
            text.add(h.key() + "=" + (h.value() == null ? "null" : HexFormat.of().formatHex(h.value())));
        }
        return text;
    }
}
