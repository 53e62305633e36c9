package io.spool.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.log.time.ManualTime;
import io.spool.wire.records.CompressionType;
import io.spool.wire.records.RecordBatch;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compression.type at leader append: which batches are stored as sent and what a re-encoded one keeps. */
class StoredCompressionTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long PRODUCER_ID = 42L;
    private static final short EPOCH = 3;

    @TempDir
    Path tmp;
    ScheduledExecutorService scheduler;
    int logsOpened;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private Log open(String... keyValues) throws IOException {
        Map<String, String> overrides = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put(keyValues[i], keyValues[i + 1]);
        }
        LogConfig config = LogConfig.defaults().withOverrides(overrides);
        TopicPartition tp = new TopicPartition("codecs", logsOpened++);
        return Log.open(tmp.resolve(tp.dirName()), tp, config, 0L, 0L, true, 86_400_000L, new ManualTime(NOW), scheduler);
    }

    static Compression kafka(CompressionType type) {
        return switch (type) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
    }

    /** An idempotent producer's batch with null keys, empty and repetitive values and headers, as kafka-clients writes it. */
    static ByteBuf producerBatch(CompressionType codec, int baseSequence, int count) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(4096 + count * 256), (byte) 2, kafka(codec),
                TimestampType.CREATE_TIME, 0L, -1L, PRODUCER_ID, EPOCH, baseSequence);
        for (int i = 0; i < count; i++) {
            byte[] key = i % 4 == 1 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] value = i % 7 == 3 ? new byte[0] : ("{\"order\":" + i + ",\"status\":\"shipped\"}").getBytes(StandardCharsets.UTF_8);
            Header[] headers = i % 3 == 0 ? new Header[0]
                    : new Header[] {new RecordHeader("trace", ("t" + i).getBytes(StandardCharsets.UTF_8)), new RecordHeader("empty", null)};
            builder.append(NOW + i * 5L - (i % 5 == 4 ? 7 : 0), key, value, headers);
        }
        ByteBuffer built = builder.build().buffer();
        byte[] bytes = new byte[built.remaining()];
        built.get(bytes);
        return Unpooled.wrappedBuffer(bytes);
    }

    static MemoryRecords stored(Log log) throws IOException {
        ByteBuf bytes = LogTestSupport.bytesOf(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE));
        return MemoryRecords.readableRecords(bytes.nioBuffer());
    }

    static Stream<Arguments> producerAndTopicCodecs() {
        List<Arguments> pairs = new ArrayList<>();
        for (CompressionType producer : CompressionType.values()) {
            for (String topic : new String[] {"producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"}) {
                pairs.add(Arguments.of(producer, topic));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} into a {1} topic")
    @MethodSource("producerAndTopicCodecs")
    void storesTheTopicsCodecKeepingRecordsAndProducerFields(CompressionType producer, String topic) throws IOException {
        Log log = open(LogConfig.COMPRESSION_TYPE, topic);
        CompressionType expected = log.config().storedCompression() == null ? producer : log.config().storedCompression();
        log.appendAsLeader(TestBatches.batch(2, NOW), 4);
        ByteBuf sent = producerBatch(producer, 0, 30);
        MemoryRecords original = MemoryRecords.readableRecords(ByteBuffer.wrap(ByteBufUtil.getBytes(sent)));

        AppendResult result = log.appendAsLeader(sent, 4);

        assertEquals(2, result.firstOffset());
        assertEquals(31, result.lastOffset());
        assertEquals(32, log.logEndOffset());
        Iterator<? extends org.apache.kafka.common.record.internal.RecordBatch> batches = stored(log).batches().iterator();
        batches.next();
        org.apache.kafka.common.record.internal.RecordBatch batch = batches.next();
        assertFalse(batches.hasNext());
        batch.ensureValid();
        assertEquals(expected.id, batch.compressionType().id);
        assertEquals(2, batch.baseOffset());
        assertEquals(31, batch.lastOffset());
        assertEquals(4, batch.partitionLeaderEpoch());
        assertEquals(PRODUCER_ID, batch.producerId());
        assertEquals(EPOCH, batch.producerEpoch());
        assertEquals(0, batch.baseSequence());
        assertEquals(29, batch.lastSequence());
        org.apache.kafka.common.record.internal.RecordBatch sentBatch = original.batches().iterator().next();
        assertEquals(sentBatch.maxTimestamp(), batch.maxTimestamp());
        Iterator<Record> want = sentBatch.iterator();
        for (Record record : batch) {
            Record expectedRecord = want.next();
            assertEquals(expectedRecord.offset() + 2, record.offset());
            assertEquals(expectedRecord.timestamp(), record.timestamp());
            assertEquals(expectedRecord.key(), record.key());
            assertEquals(expectedRecord.value(), record.value());
            assertEquals(List.of(expectedRecord.headers()), List.of(record.headers()));
        }
        assertFalse(want.hasNext());
        log.close();
    }

    @ParameterizedTest(name = "{0} into a {0} topic")
    @MethodSource("codecs")
    void aBatchInTheTopicsCodecIsStoredAsSent(CompressionType codec) throws IOException {
        Log log = open(LogConfig.COMPRESSION_TYPE, codec == CompressionType.NONE ? "uncompressed" : codec.name().toLowerCase(),
                LogConfig.COMPRESSION_GZIP_LEVEL, "9", LogConfig.COMPRESSION_ZSTD_LEVEL, "19", LogConfig.COMPRESSION_LZ4_LEVEL, "17");
        ByteBuf sent = producerBatch(codec, 0, 30);
        log.appendAsLeader(sent, 1);
        // Offsets and epoch were stamped into the sent buffer itself: every other byte is the producer's.
        assertEquals(sent, LogTestSupport.bytesOf(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE)));
        log.close();
    }

    static Stream<CompressionType> codecs() {
        return Stream.of(CompressionType.values());
    }

    @Test
    void theTopicsLevelIsUsed() throws IOException {
        int[] sizes = new int[2];
        String[] levels = {"1", "9"};
        for (int i = 0; i < 2; i++) {
            Log log = open(LogConfig.COMPRESSION_TYPE, "gzip", LogConfig.COMPRESSION_GZIP_LEVEL, levels[i]);
            log.appendAsLeader(producerBatch(CompressionType.NONE, 0, 400), 0);
            sizes[i] = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).size();
            log.close();
        }
        assertTrue(sizes[1] < sizes[0], "gzip level 9 stored " + sizes[1] + " bytes, level 1 " + sizes[0]);
    }

    @Test
    void aBatchTooLargeOnceDecompressedIsRefusedAndNothingIsAppended() throws IOException {
        Log log = open(LogConfig.COMPRESSION_TYPE, "uncompressed", LogConfig.MAX_MESSAGE_BYTES, "100000");
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1 << 20), (byte) 2, Compression.gzip().build(),
                TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < 40; i++) {
            builder.append(NOW, null, new byte[10_000]);
        }
        ByteBuffer built = builder.build().buffer();
        ByteBuf zeros = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(built)));
        assertTrue(zeros.readableBytes() < 100_000);
        LogException e = assertThrows(LogException.class, () -> log.appendAsLeader(zeros, 0));
        assertEquals(LogError.MESSAGE_TOO_LARGE, e.error());
        assertEquals(0, log.logEndOffset());
        assertEquals(0, log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).size());
        log.appendAsLeader(producerBatch(CompressionType.GZIP, 0, 3), 0);
        assertEquals(3, log.logEndOffset());
        log.close();
    }

    @Test
    void anIdempotentRetryOfAReencodedBatchIsAnsweredWithItsOffsets() throws IOException {
        Log log = open(LogConfig.COMPRESSION_TYPE, "zstd");
        AppendResult first = log.appendAsLeader(producerBatch(CompressionType.LZ4, 0, 10), 0);
        AppendResult retry = log.appendAsLeader(producerBatch(CompressionType.LZ4, 0, 10), 0);
        assertTrue(retry.duplicate());
        assertEquals(first.firstOffset(), retry.firstOffset());
        assertEquals(first.lastOffset(), retry.lastOffset());
        assertEquals(10, log.logEndOffset());
        log.close();
    }

    @Test
    void mixedBatchesAreReencodedOnlyWhereTheCodecDiffers() throws IOException {
        Log log = open(LogConfig.COMPRESSION_TYPE, "snappy");
        log.appendAsLeader(TestBatches.concat(producerBatch(CompressionType.SNAPPY, 0, 5), producerBatch(CompressionType.GZIP, 5, 6),
                producerBatch(CompressionType.NONE, 11, 7)), 0);
        List<Integer> codecs = new ArrayList<>();
        List<Long> bases = new ArrayList<>();
        for (org.apache.kafka.common.record.internal.RecordBatch batch : stored(log).batches()) {
            batch.ensureValid();
            codecs.add((int) batch.compressionType().id);
            bases.add(batch.baseOffset());
        }
        assertEquals(List.of(2, 2, 2), codecs);
        assertEquals(List.of(0L, 5L, 11L), bases);
        assertEquals(18, log.logEndOffset());
        log.close();
    }

    @Test
    void followersStoreTheLeadersBytesWhateverTheTopicSays() throws IOException {
        Log log = open(LogConfig.COMPRESSION_TYPE, "lz4");
        ByteBuf fromLeader = producerBatch(CompressionType.GZIP, 0, 5);
        RecordBatch.at(fromLeader, 0).setPartitionLeaderEpoch(2);
        log.appendAsFollower(fromLeader.duplicate());
        assertEquals(fromLeader, LogTestSupport.bytesOf(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE)));
        log.close();
    }

    @Test
    void levelsOutsideKafkasRangesAreRefused() {
        for (String[] bad : new String[][] {{LogConfig.COMPRESSION_GZIP_LEVEL, "0"}, {LogConfig.COMPRESSION_GZIP_LEVEL, "10"},
                {LogConfig.COMPRESSION_LZ4_LEVEL, "0"}, {LogConfig.COMPRESSION_LZ4_LEVEL, "18"},
                {LogConfig.COMPRESSION_ZSTD_LEVEL, "23"}, {LogConfig.COMPRESSION_ZSTD_LEVEL, "-131073"},
                {LogConfig.COMPRESSION_ZSTD_LEVEL, "fast"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LogConfig.defaults().withOverrides(Map.of(bad[0], bad[1])));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
        LogConfig ok = LogConfig.defaults().withOverrides(Map.of(LogConfig.COMPRESSION_GZIP_LEVEL, "-1",
                LogConfig.COMPRESSION_LZ4_LEVEL, "1", LogConfig.COMPRESSION_ZSTD_LEVEL, "-131072"));
        assertEquals(-1, ok.compressionLevel(CompressionType.GZIP));
        assertEquals(1, ok.compressionLevel(CompressionType.LZ4));
        assertEquals(-131_072, ok.compressionLevel(CompressionType.ZSTD));
        assertEquals(9, LogConfig.defaults().compressionLevel(CompressionType.LZ4));
        assertEquals(3, LogConfig.defaults().compressionLevel(CompressionType.ZSTD));
        assertEquals(-1, LogConfig.defaults().compressionLevel(CompressionType.GZIP));
        assertEquals("9", LogConfig.fromBrokerProperties(Map.of("compression.lz4.level", "9")).values().get(LogConfig.COMPRESSION_LZ4_LEVEL));
        assertEquals(LogConfig.Source.BROKER,
                LogConfig.fromBrokerProperties(Map.of("compression.zstd.level", "5")).source(LogConfig.COMPRESSION_ZSTD_LEVEL));
    }
}
