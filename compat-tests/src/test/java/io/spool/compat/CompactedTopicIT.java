package io.spool.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A compacted topic as a consumer sees it once the broker's cleaner has run: one record per live key holding
 * its latest value at the offset it was written, and deleted keys gone once delete.retention.ms has passed.
 */
class CompactedTopicIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension().with("log.cleaner.backoff.ms", "100");

    private static final int KEYS = 200;
    private static final int ROUNDS = 20;
    private static final int SEGMENT_MS = 1_000;
    /** Record-time distance that rolls a segment: more than segment.ms. */
    private static final long ROLL_GAP_MS = 2L * SEGMENT_MS;
    private static final String MARKER = "marker";
    private static final Duration CLEANING_TIMEOUT = Duration.ofSeconds(90);

    /** The last write of a key: where it landed and its value (null for a tombstone). */
    private record Write(long offset, String value) {
    }

    @Test
    void consumerSeesTheLatestValueOfEachLiveKeyAndNoDeletedKeysAfterCleaning() {
        String topic = "compacted";
        TopicPartition partition = new TopicPartition(topic, 0);
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of(
                "cleanup.policy", "compact",
                "segment.ms", Integer.toString(SEGMENT_MS),
                "min.cleanable.dirty.ratio", "0.01",
                "delete.retention.ms", "1000"));
        long start = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        try (Writer writer = new Writer(topic)) {
            // Each round's records are more than a segment.ms apart in record time, so each round rolls a
            // segment; a marker record as much later, sent alone once the round is acknowledged, rolls the last round
            // out of the active segment, which is never cleaned, so that all of it can be.
            long[] recordTime = {start};
            for (int round = 0; round < ROUNDS; round++) {
                boolean last = round == ROUNDS - 1;
                for (int k = 0; k < KEYS; k++) {
                    writer.write(recordTime[0], "key-" + k, last && k % 5 == 0 ? null : "key-" + k + " round-" + round);
                }
                recordTime[0] += ROLL_GAP_MS;
            }
            writer.rollWithMarker(recordTime[0]);
            int written = KEYS * ROUNDS + 1;
            assertEquals(written - 1, writer.markerOffset(), "offset of the last record written");

            List<ConsumerRecord<byte[], byte[]>> cleaned = new ArrayList<>();
            Await.until("the cleaner to leave one record per key", CLEANING_TIMEOUT, () -> {
                cleaned.clear();
                cleaned.addAll(keyed(PartitionReader.readAll(BROKER.bootstrapServers(), List.of(partition))));
                return isCompacted(cleaned);
            });
            assertTrue(cleaned.size() <= KEYS, "the log shrank from " + written + " to " + cleaned.size() + " records");
            for (ConsumerRecord<byte[], byte[]> r : cleaned) {
                assertEquals(writer.latest.get(key(r)), new Write(r.offset(), value(r)), "record of " + key(r));
            }
            assertEquals(writer.liveKeys(),
                    cleaned.stream().filter(r -> r.value() != null).map(r -> key(r)).sorted().toList(),
                    "every live key is there");

            // Tombstones stay until delete.retention.ms after the cleaning that first kept them; the next cleaning
            // drops them. Rewriting the live keys keeps the log dirty so that such a cleaning comes.
            List<ConsumerRecord<byte[], byte[]>> settled = new ArrayList<>();
            Await.until("deleted keys to disappear", CLEANING_TIMEOUT, () -> {
                settled.clear();
                settled.addAll(keyed(PartitionReader.readAll(BROKER.bootstrapServers(), List.of(partition))));
                boolean tombstones = settled.stream().anyMatch(r -> r.value() == null);
                if (tombstones && isCompacted(settled)) {
                    recordTime[0] += ROLL_GAP_MS;
                    for (String key : writer.liveKeys()) {
                        writer.write(recordTime[0], key, key + " rewritten at " + recordTime[0]);
                    }
                    recordTime[0] += ROLL_GAP_MS;
                    writer.rollWithMarker(recordTime[0]);
                }
                return !tombstones && isCompacted(settled);
            });
            Map<String, Write> expected = new HashMap<>();
            writer.liveKeys().forEach(key -> expected.put(key, writer.latest.get(key)));
            Map<String, Write> actual = new HashMap<>();
            settled.forEach(r -> actual.put(key(r), new Write(r.offset(), value(r))));
            assertEquals(expected, actual, "after delete.retention.ms: each live key's latest write, no deleted key");
        }
    }

    /** The test's keys, without the markers (the latest of which sits in the active segment, never cleaned). */
    private static List<ConsumerRecord<byte[], byte[]>> keyed(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> !key(r).equals(MARKER)).toList();
    }

    private static boolean isCompacted(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> key(r)).distinct().count() == records.size();
    }

    /** Sends keyed records to partition 0 and remembers each key's last acknowledged write. */
    private static final class Writer implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers());
        private final String topic;
        private final Map<String, Write> latest = new HashMap<>();
        private final List<Pending> pending = new ArrayList<>();

        Writer(String topic) {
            this.topic = topic;
        }

        /** A sent record whose acknowledgement has not been read yet. */
        private record Pending(String key, String value, Future<RecordMetadata> ack) {
        }

        void write(long timestamp, String key, String value) {
            pending.add(new Pending(key, value, producer.send(new ProducerRecord<>(topic, 0, timestamp,
                    key.getBytes(UTF_8), value == null ? null : value.getBytes(UTF_8)))));
        }

        /** Sends the marker alone once everything before it is acknowledged, so that it starts a segment by itself. */
        void rollWithMarker(long timestamp) {
            settle();
            write(timestamp, MARKER, "rolls the segment before it");
            settle();
        }

        long markerOffset() {
            return latest.get(MARKER).offset();
        }

        /** The test's keys whose last write was not a tombstone, sorted. */
        List<String> liveKeys() {
            return latest.entrySet().stream().filter(e -> e.getValue().value() != null && !e.getKey().equals(MARKER))
                    .map(Map.Entry::getKey).sorted().toList();
        }

        /** Waits for every write sent so far; in send order, so a key's last write wins. */
        private void settle() {
            try {
                for (Pending p : pending) {
                    latest.put(p.key(), new Write(p.ack().get().offset(), p.value()));
                }
            } catch (ExecutionException e) {
                throw new AssertionError("a send failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            pending.clear();
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), UTF_8);
    }

    private static String value(ConsumerRecord<byte[], byte[]> r) {
        return r.value() == null ? null : new String(r.value(), UTF_8);
    }
}
