package io.spool.log;

import io.netty.buffer.ByteBuf;
import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.log.segment.SegmentFiles;
import io.spool.log.time.ManualTime;
import io.spool.wire.protocol.FileSliceRecords;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTest {
    static final long NOW = 1_700_000_000_000L;
    static final TopicPartition TP = new TopicPartition("orders", 3);

    @TempDir
    Path tmp;
    Path dir;
    ManualTime time;
    ScheduledExecutorService scheduler;

    @BeforeEach
    void setUp() {
        dir = tmp.resolve(TP.dirName());
        time = new ManualTime(NOW);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    Log open(LogConfig config, boolean clean) throws IOException {
        return Log.open(dir, TP, config, 0L, 0L, clean, 86_400_000L, time, scheduler);
    }

    static LogConfig config(String... keyValues) {
        Map<String, String> overrides = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put(keyValues[i], keyValues[i + 1]);
        }
        return LogConfig.defaults().withOverrides(overrides);
    }

    @Test
    void appendAssignsOffsetsInPlaceAndReadReturnsThem() throws IOException {
        Log log = open(LogConfig.defaults(), true);
        AppendResult first = log.appendAsLeader(TestBatches.batch(3, NOW), 5);
        AppendResult second = log.appendAsLeader(TestBatches.concat(TestBatches.batch(2, NOW), TestBatches.batch(4, NOW)), 5);
        assertEquals(new AppendResult(0, 2, -1, 0, false), first);
        assertEquals(new AppendResult(3, 8, -1, 0, false), second);
        assertEquals(9, log.logEndOffset());
        FileSliceRecords all = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(List.of(0L, 3L, 5L), LogTestSupport.baseOffsets(all));
        ByteBuf bytes = LogTestSupport.bytesOf(all);
        assertEquals(5, RecordBatch.at(bytes, 0).partitionLeaderEpoch());
        assertEquals(List.of(new io.spool.log.epoch.EpochEntry(5, 0)), log.leaderEpochs().entries());
        log.close();
    }

    @Test
    void readFindsTheBatchHoldingAnOffsetAndStopsAtTheLimit() throws IOException {
        Log log = open(LogConfig.defaults(), true);
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(TestBatches.batch(5, NOW), 0);
        }
        assertEquals(List.of(10L, 15L, 20L), LogTestSupport.baseOffsets(log.read(12, Integer.MAX_VALUE, 25)));
        assertEquals(List.of(45L), LogTestSupport.baseOffsets(log.read(49, Integer.MAX_VALUE, Long.MAX_VALUE)));
        assertEquals(0, log.read(50, 1000, Long.MAX_VALUE).size());
        assertEquals(0, log.read(20, 1000, 20).size());
        LogException beyond = assertThrows(LogException.class, () -> log.read(51, 1000, Long.MAX_VALUE));
        assertEquals(LogError.OFFSET_OUT_OF_RANGE, beyond.error());
        log.close();
    }

    @Test
    void readReturnsWholeBatchesWithinMaxBytesButAlwaysOne() throws IOException {
        Log log = open(LogConfig.defaults(), true);
        int batchSize = TestBatches.batch(5, NOW).readableBytes();
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(TestBatches.batch(5, NOW), 0);
        }
        assertEquals(List.of(0L), LogTestSupport.baseOffsets(log.read(0, 1, Long.MAX_VALUE)));
        assertEquals(0, log.read(0, 1, Long.MAX_VALUE, false).size());
        assertEquals(List.of(0L, 5L), LogTestSupport.baseOffsets(log.read(0, 3 * batchSize - 1, Long.MAX_VALUE)));
        assertEquals(List.of(5L, 10L, 15L), LogTestSupport.baseOffsets(log.read(7, 3 * batchSize, Long.MAX_VALUE)));
        log.close();
    }

    @Test
    void wholeBatchReadsUseTheIndexAcrossManyBatches() throws IOException {
        Log log = open(config(LogConfig.INDEX_INTERVAL_BYTES, "100"), true);
        int batchSize = TestBatches.batch(1, NOW).readableBytes();
        for (int i = 0; i < 200; i++) {
            log.appendAsLeader(TestBatches.batch(1, NOW), 0);
        }
        FileSliceRecords slice = log.read(13, 50 * batchSize + batchSize / 2, Long.MAX_VALUE);
        List<Long> offsets = LogTestSupport.baseOffsets(slice);
        assertEquals(50, offsets.size());
        assertEquals(13L, offsets.get(0));
        assertEquals(62L, offsets.get(49));
        log.close();
    }

    @Test
    void rollsWhenTheSegmentWouldExceedSegmentBytes() throws IOException {
        int batchSize = TestBatches.batch(5, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize * 3)), true);
        for (int i = 0; i < 7; i++) {
            log.appendAsLeader(TestBatches.batch(5, NOW), 0);
        }
        assertEquals(List.of(0L, 15L, 30L), log.segmentBaseOffsets());
        assertEquals(List.of(15L, 20L, 25L), LogTestSupport.baseOffsets(log.read(15, Integer.MAX_VALUE, Long.MAX_VALUE)));
        assertTrue(Files.exists(dir.resolve("00000000000000000015.log")));
        assertTrue(Files.exists(dir.resolve("00000000000000000015.snapshot")), "a producer snapshot is taken on roll");
        assertEquals(0, Files.size(dir.resolve("00000000000000000000.index")) % 8);
        log.close();
    }

    @Test
    void rollsWhenTheSegmentIsOlderThanSegmentMs() throws IOException {
        Log log = open(config(LogConfig.SEGMENT_MS, "1000"), true);
        log.appendAsLeader(TestBatches.batch(1, NOW), 0);
        time.advance(500);
        log.appendAsLeader(TestBatches.batch(1, NOW + 500), 0);
        assertEquals(1, log.numberOfSegments());
        time.advance(600);
        log.appendAsLeader(TestBatches.batch(1, NOW + 1100), 0);
        assertEquals(List.of(0L, 2L), log.segmentBaseOffsets());
        log.close();
    }

    @Test
    void retentionByTimeDeletesExpiredSegmentsAndMovesTheLogStart() throws Exception {
        int batchSize = TestBatches.batch(5, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize), LogConfig.RETENTION_MS, "10000",
                LogConfig.FILE_DELETE_DELAY_MS, "0"), true);
        log.appendAsLeader(TestBatches.batch(5, NOW - 20_000), 0);
        log.appendAsLeader(TestBatches.batch(5, NOW - 15_000), 0);
        log.appendAsLeader(TestBatches.batch(5, NOW), 0);
        log.setHighWatermark(log.logEndOffset());
        assertEquals(2, log.deleteOldSegments());
        assertEquals(10, log.logStartOffset());
        assertEquals(List.of(10L), log.segmentBaseOffsets());
        LogException below = assertThrows(LogException.class, () -> log.read(5, 1000, Long.MAX_VALUE));
        assertEquals(LogError.OFFSET_OUT_OF_RANGE, below.error());
        Polling.await(() -> !Files.exists(dir.resolve("00000000000000000000.log.deleted")), "deleted files removed");
        assertFalse(Files.exists(dir.resolve("00000000000000000000.log")));
        time.advance(20_000);
        assertEquals(1, log.deleteOldSegments(), "the active segment goes too once all of it expired");
        assertEquals(15, log.logStartOffset());
        assertEquals(List.of(15L), log.segmentBaseOffsets());
        log.close();
    }

    @Test
    void retentionDoesNotPassTheHighWatermark() throws IOException {
        int batchSize = TestBatches.batch(5, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize), LogConfig.RETENTION_MS, "1"), true);
        log.appendAsLeader(TestBatches.batch(5, NOW - 20_000), 0);
        log.appendAsLeader(TestBatches.batch(5, NOW - 20_000), 0);
        log.setHighWatermark(4);
        assertEquals(0, log.deleteOldSegments());
        log.setHighWatermark(5);
        assertEquals(1, log.deleteOldSegments());
        log.close();
    }

    @Test
    void retentionBySizeKeepsTheNewestSegmentsWithinRetentionBytes() throws IOException {
        int batchSize = TestBatches.batch(5, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize),
                LogConfig.RETENTION_BYTES, Integer.toString(batchSize * 2)), true);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(TestBatches.batch(5, NOW), 0);
        }
        log.setHighWatermark(log.logEndOffset());
        assertEquals(3, log.deleteOldSegments());
        assertEquals(List.of(15L, 20L), log.segmentBaseOffsets());
        assertEquals(15, log.logStartOffset());
        assertEquals(2L * batchSize, log.sizeInBytes());
        log.close();
    }

    @Test
    void logAppendTimeTopicsStampTheBrokerTime() throws IOException {
        Log log = open(config(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"), true);
        AppendResult result = log.appendAsLeader(TestBatches.batch(3, NOW - 100_000), 0);
        assertEquals(NOW, result.logAppendTime());
        ByteBuf bytes = LogTestSupport.bytesOf(log.read(0, 1000, Long.MAX_VALUE));
        RecordBatch batch = RecordBatch.at(bytes, 0);
        batch.ensureValid();
        assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
        assertEquals(NOW, batch.maxTimestamp());
        log.close();
    }

    @Test
    void refusesBadBatchesWithKafkasErrors() throws IOException {
        Log log = open(config(LogConfig.MAX_MESSAGE_BYTES, "200"), true);
        ByteBuf corrupt = TestBatches.batch(2, NOW);
        corrupt.setByte(corrupt.writerIndex() - 1, corrupt.getByte(corrupt.writerIndex() - 1) ^ 1);
        assertEquals(LogError.CORRUPT_MESSAGE, assertThrows(LogException.class, () -> log.appendAsLeader(corrupt, 0)).error());
        ByteBuf torn = TestBatches.batch(2, NOW);
        torn.writerIndex(torn.writerIndex() - 3);
        assertEquals(LogError.CORRUPT_MESSAGE, assertThrows(LogException.class, () -> log.appendAsLeader(torn, 0)).error());
        assertEquals(LogError.MESSAGE_TOO_LARGE, assertThrows(LogException.class,
                () -> log.appendAsLeader(TestBatches.sizedBatch(1, NOW, 300), 0)).error());
        assertEquals(LogError.INVALID_TIMESTAMP, assertThrows(LogException.class,
                () -> log.appendAsLeader(TestBatches.batch(1, NOW + 7_200_000), 0)).error());
        ByteBuf oldMagic = TestBatches.batch(1, NOW);
        oldMagic.setByte(RecordBatch.MAGIC_OFFSET, 1);
        assertEquals(LogError.INVALID_RECORD, assertThrows(LogException.class, () -> log.appendAsLeader(oldMagic, 0)).error());
        assertEquals(0, log.logEndOffset());
        log.close();
    }

    @Test
    void cleanRestartKeepsEverything() throws IOException {
        Log log = open(LogConfig.defaults(), true);
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(TestBatches.batch(3, NOW + i), 2);
        }
        log.close();
        assertEquals(0, Files.size(dir.resolve("00000000000000000000.index")) % 8);
        Log reopened = open(LogConfig.defaults(), true);
        assertEquals(60, reopened.logEndOffset());
        assertEquals(NOW + 19 + 2, reopened.maxTimestamp().orElseThrow().timestamp());
        assertEquals(List.of(30L), LogTestSupport.baseOffsets(reopened.read(31, 1, Long.MAX_VALUE)));
        assertEquals(60, reopened.appendAsLeader(TestBatches.batch(1, NOW), 2).firstOffset());
        reopened.close();
    }

    @Test
    void uncleanRestartCutsATornTail() throws IOException {
        Log log = open(LogConfig.defaults(), true);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(TestBatches.batch(2, NOW), 0);
        }
        long goodSize = log.sizeInBytes();
        log.appendAsLeader(TestBatches.batch(2, NOW), 0);
        log.close();
        Path segment = dir.resolve("00000000000000000000.log");
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(goodSize + 20);
        }
        Log reopened = open(LogConfig.defaults(), false);
        assertEquals(10, reopened.logEndOffset());
        assertEquals(goodSize, Files.size(segment));
        assertEquals(10, reopened.appendAsLeader(TestBatches.batch(1, NOW), 0).firstOffset());
        reopened.close();
    }

    @Test
    void uncleanRestartCutsAtABadCrcAndDropsLaterSegments() throws IOException {
        int batchSize = TestBatches.batch(2, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize * 3)), true);
        for (int i = 0; i < 7; i++) {
            log.appendAsLeader(TestBatches.batch(2, NOW), 0);
        }
        assertEquals(List.of(0L, 6L, 12L), log.segmentBaseOffsets());
        log.close();
        Path first = dir.resolve("00000000000000000000.log");
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x55}), batchSize + RecordBatch.HEADER_SIZE + 3);
        }
        Log reopened = open(LogConfig.defaults().withOverrides(Map.of(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize * 3))), false);
        assertEquals(2, reopened.logEndOffset());
        assertEquals(List.of(0L), reopened.segmentBaseOffsets());
        assertFalse(Files.exists(dir.resolve("00000000000000000006.log")));
        reopened.close();
    }

    @Test
    void missingOrCorruptIndexesAreRebuilt() throws IOException {
        Log log = open(config(LogConfig.INDEX_INTERVAL_BYTES, "1"), true);
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(TestBatches.batch(2, NOW + i), 0);
        }
        log.close();
        Path index = dir.resolve("00000000000000000000.index");
        Path timeIndex = dir.resolve("00000000000000000000.timeindex");
        long indexSize = Files.size(index);
        long timeIndexSize = Files.size(timeIndex);
        assertTrue(indexSize > 0);
        Files.delete(index);
        Files.delete(timeIndex);
        Log reopened = open(config(LogConfig.INDEX_INTERVAL_BYTES, "1"), true);
        assertEquals(List.of(8L), LogTestSupport.baseOffsets(reopened.read(9, 1, Long.MAX_VALUE)));
        reopened.close();
        assertEquals(indexSize, Files.size(index));
        assertEquals(timeIndexSize, Files.size(timeIndex));
        Files.write(index, new byte[] {1, 2, 3});
        Log again = open(config(LogConfig.INDEX_INTERVAL_BYTES, "1"), true);
        assertEquals(List.of(14L), LogTestSupport.baseOffsets(again.read(15, 1, Long.MAX_VALUE)));
        again.close();
        assertEquals(indexSize, Files.size(index));
    }

    @Test
    void offsetForTimestampFindsTheFirstBatchReachingIt() throws IOException {
        int batchSize = TestBatches.batch(1, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize * 4), LogConfig.INDEX_INTERVAL_BYTES, "1"), true);
        for (int i = 0; i < 12; i++) {
            log.appendAsLeader(TestBatches.batch(1, NOW + i * 10), 0);
        }
        assertEquals(new TimestampAndOffset(NOW + 50, 5, 0), log.offsetForTimestamp(NOW + 45).orElseThrow());
        assertEquals(new TimestampAndOffset(NOW + 50, 5, 0), log.offsetForTimestamp(NOW + 50).orElseThrow());
        assertEquals(new TimestampAndOffset(NOW, 0, 0), log.offsetForTimestamp(0).orElseThrow());
        assertTrue(log.offsetForTimestamp(NOW + 111).isEmpty());
        assertEquals(new TimestampAndOffset(NOW + 110, 11, 0), log.maxTimestamp().orElseThrow());
        log.close();
    }

    @Test
    void timestampLookupsFindTheRecordInsideBatchesCompressedOrNot() throws IOException {
        Log log = open(LogConfig.defaults(), true);
        log.appendAsLeader(TestBatches.batch(5, NOW), 0);
        log.appendAsLeader(TestBatches.gzipBatch(5, NOW + 100), 0);
        assertEquals(new TimestampAndOffset(NOW + 2, 2, 0), log.offsetForTimestamp(NOW + 2).orElseThrow());
        assertEquals(new TimestampAndOffset(NOW + 103, 8, 0), log.offsetForTimestamp(NOW + 103).orElseThrow());
        assertEquals(new TimestampAndOffset(NOW + 100, 5, 0), log.offsetForTimestamp(NOW + 50).orElseThrow());
        assertEquals(new TimestampAndOffset(NOW + 104, 9, 0), log.maxTimestamp().orElseThrow());
        assertEquals(List.of(0L, 5L), LogTestSupport.baseOffsets(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE)));
        log.close();
    }

    @Test
    void aCreateTimeBatchGetsItsRecordsMaxTimestamp() throws IOException {
        Log log = open(LogConfig.defaults(), true);
        ByteBuf batch = TestBatches.batch(3, NOW);
        RecordBatch view = RecordBatch.at(batch, 0);
        view.setMaxTimestampAndType(NOW - 5, TimestampType.CREATE_TIME);
        log.appendAsLeader(batch, 0);
        ByteBuf stored = LogTestSupport.bytesOf(log.read(0, 1000, Long.MAX_VALUE));
        RecordBatch.at(stored, 0).ensureValid();
        assertEquals(NOW + 2, RecordBatch.at(stored, 0).maxTimestamp());
        log.close();
    }

    @Test
    void flushMessagesSyncsInTheBackgroundAndMovesTheRecoveryPoint() throws Exception {
        Log log = open(config(LogConfig.FLUSH_MESSAGES, "5"), true);
        log.appendAsLeader(TestBatches.batch(3, NOW), 0);
        assertEquals(0, log.recoveryPoint());
        log.appendAsLeader(TestBatches.batch(3, NOW), 0);
        Polling.await(() -> log.recoveryPoint() == 6, "the background flush moved the recovery point");
        log.close();
    }

    @Test
    void flushMsSyncsOnceItIsDue() throws IOException {
        Log log = open(config(LogConfig.FLUSH_MS, "1000"), true);
        log.appendAsLeader(TestBatches.batch(3, NOW), 0);
        log.flushIfDue();
        assertEquals(0, log.recoveryPoint());
        time.advance(1000);
        log.flushIfDue();
        assertEquals(3, log.recoveryPoint());
        log.close();
    }

    @Test
    void segmentsWhollyBelowAnAdvancedLogStartAreDeleted() throws IOException {
        int batchSize = TestBatches.batch(5, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize)), true);
        for (int i = 0; i < 3; i++) {
            log.appendAsLeader(TestBatches.batch(5, NOW), 0);
        }
        log.setHighWatermark(log.logEndOffset());
        log.advanceLogStartOffset(7);
        assertEquals(7, log.logStartOffset());
        assertEquals(1, log.deleteOldSegments());
        assertEquals(List.of(5L, 10L), log.segmentBaseOffsets());
        assertEquals(7, log.logStartOffset(), "the start stays inside the first kept segment");
        assertEquals(List.of(5L), LogTestSupport.baseOffsets(log.read(7, 1, Long.MAX_VALUE)));
        log.close();
    }

    @Test
    void readsRunConcurrentlyWithAppendsAndRolls() throws Exception {
        int batchSize = TestBatches.batch(2, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize * 10), LogConfig.INDEX_INTERVAL_BYTES, "50"), true);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                log.appendAsLeader(TestBatches.batch(2, NOW), 0);
            }
        });
        writer.start();
        long next = 0;
        while (next < 1000) {
            long end = log.logEndOffset();
            if (next < end) {
                List<Long> offsets = LogTestSupport.baseOffsets(log.read(next, 10 * batchSize, end));
                assertEquals(next, offsets.get(0));
                next = offsets.get(offsets.size() - 1) + 2;
            }
        }
        writer.join();
        assertEquals(1000, log.logEndOffset());
        log.close();
    }

    @Test
    void rollsWhenAnIndexIsFull() throws IOException {
        Log log = open(config(LogConfig.SEGMENT_INDEX_BYTES, "24", LogConfig.INDEX_INTERVAL_BYTES, "1"), true);
        log.appendAsLeader(TestBatches.concat(TestBatches.batch(1, NOW), TestBatches.batch(1, NOW + 1),
                TestBatches.batch(1, NOW + 2), TestBatches.batch(1, NOW + 3), TestBatches.batch(1, NOW + 4)), 0);
        assertEquals(1, log.numberOfSegments(), "one append fills the index without failing");
        log.appendAsLeader(TestBatches.batch(1, NOW + 5), 0);
        assertEquals(List.of(0L, 5L), log.segmentBaseOffsets());
        assertEquals(List.of(3L), LogTestSupport.baseOffsets(log.read(3, 1, Long.MAX_VALUE)));
        log.close();
    }

    @Test
    void truncationRemovesWholeBatchesFromTheTargetOn() throws IOException {
        int batchSize = TestBatches.batch(5, NOW).readableBytes();
        Log log = open(config(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize * 2)), true);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(TestBatches.idempotent(77L, (short) 0, i * 5, 5, NOW + i), i);
        }
        assertEquals(List.of(0L, 10L, 20L), log.segmentBaseOffsets());
        log.setHighWatermark(25);
        assertTrue(log.truncateTo(13));
        assertEquals(10, log.logEndOffset(), "the batch holding 13 goes whole");
        assertEquals(10, log.highWatermark());
        assertEquals(List.of(0L, 10L), log.segmentBaseOffsets());
        assertEquals(List.of(new io.spool.log.epoch.EpochEntry(0, 0), new io.spool.log.epoch.EpochEntry(1, 5)),
                log.leaderEpochs().entries());
        assertEquals(9, log.producerState().entry(77L).lastSeq());
        assertEquals(NOW + 1 + 4, log.maxTimestamp().orElseThrow().timestamp());
        assertEquals(10, log.appendAsLeader(TestBatches.idempotent(77L, (short) 0, 10, 5, NOW), 3).firstOffset());
        assertFalse(log.truncateTo(100));
        log.close();
        Log reopened = open(LogConfig.defaults(), false);
        assertEquals(15, reopened.logEndOffset());
        reopened.close();
    }

    @Test
    void segmentFilesUseKafkasNames() throws IOException {
        Log log = open(LogConfig.defaults(), true);
        log.appendAsLeader(TestBatches.batch(1, NOW), 0);
        assertTrue(Files.exists(dir.resolve("00000000000000000000" + SegmentFiles.LOG_SUFFIX)));
        assertEquals(10_485_760, Files.size(dir.resolve("00000000000000000000.index")), "preallocated while active");
        assertEquals(10_485_756, Files.size(dir.resolve("00000000000000000000.timeindex")));
        log.close();
        assertEquals(0, Files.size(dir.resolve("00000000000000000000.index")), "trimmed on close");
        assertEquals(12, Files.size(dir.resolve("00000000000000000000.timeindex")), "the final max timestamp entry");
    }
}
