package io.spool.broker.it;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5's bad input for every codec, over a raw socket to an in-process broker: compression
 * bombs, compressed records that disagree with their batch header, and truncated compressed
 * payloads are each answered CORRUPT_MESSAGE; nothing is appended (the log end stays put and a
 * consumer reads only the good batches around them) and the broker's heap, which this test
 * process shares, does not grow by what the bombs claim.
 */
class CompressionBadInputIT {
    /** The broker's decompression bound at the default message.max.bytes (64 times it, at least 64 MiB). */
    private static final long BOUND = 64L << 20;
    /** Heap growth allowed across all the cases of one codec: the bound once, plus room for the broker's own churn. */
    private static final long HEAP_SLACK = BOUND + (64L << 20);

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir, "auto.create.topics.enable", "false");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** A bad batch, and what the broker's error message must name (so each is refused for its own reason). */
    private record BadBatch(String name, byte[] bytes, String reason) {
    }

    /**
     * By codec: gzip and lz4 bombs inflate to twice the bound (their ratios cap what fits in
     * message.max.bytes), zstd's to more than this JVM's whole heap. Snappy's ratio (about 21:1) is
     * below the bound's 64:1, so its bomb is a block whose preamble claims 1 GiB over 20 bytes: it
     * is refused as unreadable before anything is allocated for it.
     */
    private static List<BadBatch> badBatches(String codec) throws Exception {
        long bombSize = switch (codec) {
            case "zstd" -> Runtime.getRuntime().maxMemory() + BOUND;
            case "snappy" -> 1L << 30;
            default -> 2 * BOUND;
        };
        return List.of(
                new BadBatch("bomb of " + bombSize + " bytes", HostileBatches.bomb(codec, bombSize),
                        codec.equals("snappy") ? "cannot be read" : "limit"),
                new BadBatch("record declaring 1 GiB", HostileBatches.hugeRecord(codec, 1L << 30), "limit"),
                new BadBatch("header says 5 records, 3 inside", HostileBatches.countMismatch(codec, 5, 3), "holds only 3"),
                new BadBatch("header says 3 records, 5 inside", HostileBatches.countMismatch(codec, 3, 5), "bytes after its 3 records"),
                new BadBatch("last offset delta disagrees with the count", HostileBatches.lastOffsetDeltaMismatch(codec, 4),
                        "last offset delta"),
                new BadBatch("payload cut to half", HostileBatches.truncated(codec, 200, 0.5), "cannot be read"),
                new BadBatch("payload missing its last byte", HostileBatches.truncated(codec, 200, 1.0 - 1.0 / 4096),
                        "cannot be read"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void corruptCompressedBatchesAreRefusedAndNothingIsAppended(String codec) throws Exception {
        String topic = "bad-" + codec;
        try (RawClient client = new RawClient(broker.port())) {
            assertEquals(Errors.NONE.code(),
                    client.<org.apache.kafka.common.requests.CreateTopicsResponse>roundTrip(Requests.createTopics(Requests.topic(topic, 1, 1)))
                            .data().topics().find(topic).errorCode());
            assertEquals("NONE", produce(client, topic, HostileBatches.good(codec, 3)));
            List<BadBatch> cases = badBatches(codec);
            long heapBefore = heapAfterGc();
            for (BadBatch bad : cases) {
                String answer = produce(client, topic, bad.bytes());
                assertTrue(answer.startsWith("CORRUPT_MESSAGE") && answer.contains(bad.reason()), codec + ", " + bad.name() + ": " + answer);
                assertEquals(3, latestOffset(client, topic), codec + ": nothing appended after " + bad.name());
            }
            long grown = heapAfterGc() - heapBefore;
            assertTrue(grown < HEAP_SLACK, codec + ": the broker's heap grew by " + grown + " bytes");
            assertEquals("NONE", produce(client, topic, HostileBatches.good(codec, 2)));
            assertEquals(5, latestOffset(client, topic));
        }
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumeAll(topic, 5)) {
            values.add(record.offset() + "=" + new String(record.value()));
        }
        assertEquals(List.of("0=v0000000", "1=v0000001", "2=v0000002", "3=v0000000", "4=v0000001"), values);
    }

    private long heapAfterGc() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The partition's error name, and its message if it has one. */
    private static String produce(RawClient client, String topic, byte[] batch) throws Exception {
        ProduceResponse response = client.roundTrip(Requests.unchecked(topic, 0,
                MemoryRecords.readableRecords(ByteBuffer.wrap(batch)), (short) 1, (short) 9));
        var partition = response.data().responses().iterator().next().partitionResponses().get(0);
        String error = Errors.forCode(partition.errorCode()).name();
        return partition.errorMessage() == null ? error : error + ": " + partition.errorMessage();
    }

    private static long latestOffset(RawClient client, String topic) throws Exception {
        ListOffsetsResponse offsets = client.roundTrip(Requests.latestOffset(topic, 0));
        return offsets.data().topics().get(0).partitions().get(0).offset();
    }

    private List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // One more poll: anything beyond the good records would show up here.
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
