package io.spool.log.cleaner;

import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.log.TopicPartition;
import io.spool.log.checkpoint.OffsetCheckpoints;
import io.spool.log.cleaner.Compaction.Batch;
import io.spool.log.cleaner.Compaction.Entry;
import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.log.segment.LogSegment;
import io.spool.log.time.ManualTime;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static io.spool.log.cleaner.Compaction.batch;
import static io.spool.log.cleaner.Compaction.compacted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogCleanerTest {
    static final long NOW = 1_700_000_000_000L;
    static final TopicPartition TP = new TopicPartition("compacted", 0);
    static final CleanerConfig CONFIG = new CleanerConfig(false, 1, 15_000L, 1 << 20, 64 * 1024, 0.9);

    @TempDir
    Path tmp;
    ManualTime time;
    ScheduledExecutorService scheduler;
    Log log;
    LogCleaner logCleaner;
    Cleaner cleaner;

    @BeforeEach
    void setUp() {
        time = new ManualTime(NOW);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (cleaner != null) {
            cleaner.close();
        }
        if (log != null) {
            log.close();
        }
        scheduler.shutdownNow();
    }

    Log open(LogConfig config) throws IOException {
        log = Log.open(tmp.resolve(TP.dirName()), TP, config, 0L, 0L, true, 86_400_000L, time, scheduler);
        return log;
    }

    /** Appends as the leader and commits, as a single broker does. */
    void append(io.netty.buffer.ByteBuf batch) {
        log.appendAsLeader(batch, 0);
        log.setHighWatermark(log.logEndOffset());
    }

    /** One cleaner round over this test's log, on the test thread. */
    boolean cleanRound() throws IOException {
        return cleanRound(CONFIG);
    }

    boolean cleanRound(CleanerConfig config) throws IOException {
        if (logCleaner == null) {
            logCleaner = new LogCleaner(config, List.of(tmp), () -> Map.of(TP, log), time);
            logCleaner.startup();
            cleaner = logCleaner.newCleaner();
        }
        return logCleaner.cleanFilthiestLog(cleaner, () -> false);
    }

    /** Rounds of ten updates to each of ten keys, one batch per round, a segment every few rounds. */
    void writeUpdates(int rounds, Compression compression) {
        for (int round = 0; round < rounds; round++) {
            String[] kv = new String[20];
            for (int k = 0; k < 10; k++) {
                kv[2 * k] = "key-" + k;
                kv[2 * k + 1] = "value-" + k + "-" + round;
            }
            append(batch(compression, NOW + round, kv));
            if (round % 5 == 4) {
                log.forceRoll();
            }
        }
    }

    @Test
    void manyUpdatesShrinkToTheLatestRecordOfEachKey() throws IOException {
        open(compacted(LogConfig.SEGMENT_BYTES, "100000"));
        writeUpdates(50, Compression.NONE);
        append(batch(NOW + 100, "key-3", "in-the-active-segment"));
        List<Entry> before = Compaction.readAll(log);
        LogSegment active = log.segments().get(log.segments().size() - 1);
        byte[] activeBytes = Files.readAllBytes(active.logFile());
        long sizeBefore = log.sizeInBytes();
        long logEnd = log.logEndOffset();

        assertTrue(cleanRound());

        List<Entry> after = Compaction.readAll(log);
        // Below the active segment (which starts at 500) one record per key remains, its last one.
        List<Entry> expected = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            expected.add(new Entry(490 + k, "key-" + k, "value-" + k + "-49"));
        }
        expected.add(new Entry(500, "key-3", "in-the-active-segment"));
        assertEquals(expected, after);
        assertEquals(Compaction.latest(before), Compaction.latest(after));
        assertArrayEquals(activeBytes, Files.readAllBytes(active.logFile()), "the active segment is untouched");
        assertEquals(logEnd, log.logEndOffset());
        assertEquals(0, log.logStartOffset());
        assertTrue(log.sizeInBytes() < sizeBefore / 10, log.sizeInBytes() + " of " + sizeBefore + " bytes left");
        assertEquals(List.of(0L, 500L), log.segmentBaseOffsets(), "the compacted segments were merged into one");
        assertEquals(500L, logCleaner.cleanedUpTo(TP).orElseThrow());
        assertEquals(Map.of(TP, 500L), new OffsetCheckpoints(tmp.resolve(CleanerManager.CHECKPOINT_FILE)).read());
        assertFalse(cleanRound(), "nothing dirty is left to compact");
    }

    @Test
    void lookupsByOffsetStillWorkAfterCompaction() throws IOException {
        open(compacted(LogConfig.SEGMENT_BYTES, "100000", LogConfig.INDEX_INTERVAL_BYTES, "1"));
        writeUpdates(50, Compression.NONE);
        log.forceRoll();
        assertTrue(cleanRound());
        // An offset that compaction removed reads from the next batch that remains.
        assertEquals(List.of(490L, 491L, 492L, 493L, 494L, 495L, 496L, 497L, 498L, 499L),
                Compaction.readAll(log).stream().map(Entry::offset).toList());
        assertEquals(490L, firstOffsetRead(17));
        assertEquals(490L, firstOffsetRead(495), "the batch holding 495 starts at 490");
        assertEquals(NOW + 49, log.offsetForTimestamp(NOW + 45).orElseThrow().timestamp());
    }

    private long firstOffsetRead(long offset) throws IOException {
        var slice = log.read(offset, 1, Long.MAX_VALUE);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(slice.size());
        slice.channel().read(bytes, slice.position());
        bytes.flip();
        return org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(bytes).batches().iterator().next()
                .baseOffset();
    }

    @Test
    void tombstonesStayForDeleteRetentionAfterCompactionThenGo() throws IOException {
        open(compacted(LogConfig.DELETE_RETENTION_MS, "1000"));
        append(batch(NOW, "a", "a1", "b", "b1", "c", "c1"));
        append(batch(NOW, "a", null, "b", "b2"));
        log.forceRoll();

        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(2, "c", "c1"), new Entry(3, "a", null), new Entry(4, "b", "b2")),
                Compaction.readAll(log));
        List<Batch> batches = Compaction.describe(log);
        assertTrue(batches.get(1).hasDeleteHorizon(), "the kept tombstone's batch carries its delete horizon: " + batches);

        time.advance(999);
        assertFalse(cleanRound(), "the horizon has not passed yet");
        assertEquals(new Entry(3, "a", null), Compaction.readAll(log).get(1));

        time.advance(1);
        assertTrue(cleanRound(), "a passed delete horizon makes the log due without new writes");
        assertEquals(List.of(new Entry(2, "c", "c1"), new Entry(4, "b", "b2")), Compaction.readAll(log));
        assertFalse(cleanRound());
    }

    @Test
    void aTombstonePastTheMapsEndDoesNotMakeTheLogDue() throws IOException {
        open(compacted(LogConfig.DELETE_RETENTION_MS, "1000"));
        append(batch(NOW, "a", "1", "b", "1"));
        append(batch(NOW, "c", null, "d", "1"));
        log.forceRoll();
        append(batch(NOW, "e", "1"));
        // Room for two keys: the map ends before the tombstone's batch, which is kept and stamped.
        CleanerConfig twoKeys = new CleanerConfig(false, 1, 15_000L, 3 * 24, 4096, 0.9);
        assertTrue(cleanRound(twoKeys));
        assertEquals(2L, logCleaner.cleanedUpTo(TP).orElseThrow());
        assertTrue(Compaction.describe(log).get(1).hasDeleteHorizon());
        time.advance(1_000);
        log.setHighWatermark(3);
        assertFalse(cleanRound(twoKeys), "nothing is cleanable below the high watermark, and the horizon passed only "
                + "for a tombstone the map never covered");
        log.setHighWatermark(log.logEndOffset());
        assertTrue(cleanRound(twoKeys));
        assertEquals(List.of(new Entry(0, "a", "1"), new Entry(1, "b", "1"), new Entry(3, "d", "1"), new Entry(4, "e", "1")),
                Compaction.readAll(log));
    }

    @Test
    void segmentsCompactionEmptiedStillGoByRetention() throws IOException {
        open(compacted(LogConfig.CLEANUP_POLICY, "compact,delete", LogConfig.DELETE_RETENTION_MS, "0",
                LogConfig.SEGMENT_BYTES, "100"));
        append(batch(NOW, "a", "1"));
        append(batch(NOW, "a", null));
        append(batch(NOW, "b", "1"));
        append(batch(NOW, "c", "1"));
        assertEquals(List.of(0L, 1L, 2L, 3L), log.segmentBaseOffsets());
        assertTrue(cleanRound());
        assertTrue(cleanRound(), "the tombstone's horizon (now) has passed");
        assertEquals(List.of(new Entry(2, "b", "1"), new Entry(3, "c", "1")), Compaction.readAll(log));
        assertEquals(List.of(0L, 2L, 3L), log.segmentBaseOffsets(), "the two emptied segments were merged into one");
        log.advanceLogStartOffset(2);
        assertEquals(1, log.deleteOldSegments(), "an empty segment does not stop retention");
        assertEquals(List.of(2L, 3L), log.segmentBaseOffsets());
    }

    @Test
    void aKeyWrittenAgainAfterItsTombstoneKeepsItsNewValue() throws IOException {
        open(compacted(LogConfig.DELETE_RETENTION_MS, "0"));
        append(batch(NOW, "a", "a1"));
        append(batch(NOW, "a", null));
        append(batch(NOW, "a", "a3", "b", null));
        log.forceRoll();
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(2, "a", "a3"), new Entry(3, "b", null)), Compaction.readAll(log));
        assertTrue(cleanRound(), "a zero delete.retention.ms lets the next round drop the tombstone");
        assertEquals(List.of(new Entry(2, "a", "a3")), Compaction.readAll(log));
    }

    @Test
    void dirtyRatioBelowTheMinimumIsLeftAlone() throws IOException {
        open(compacted(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.9"));
        append(batch(NOW, "a", "1", "b", "1", "c", "1", "d", "1"));
        log.forceRoll();
        assertTrue(cleanRound(), "all dirty: ratio 1");
        // Now one clean segment and one dirty segment of the same size: ratio 0.5.
        append(batch(NOW, "a", "2", "b", "2", "c", "2", "d", "2"));
        log.forceRoll();
        List<Entry> before = Compaction.readAll(log);
        assertFalse(cleanRound());
        assertEquals(before, Compaction.readAll(log));

        log.updateConfig(compacted(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.4"));
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(4, "a", "2"), new Entry(5, "b", "2"), new Entry(6, "c", "2"), new Entry(7, "d", "2")),
                Compaction.readAll(log));
    }

    @Test
    void minCompactionLagKeepsYoungSegmentsDirty() throws IOException {
        open(compacted(LogConfig.MIN_COMPACTION_LAG_MS, "60000", LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.1"));
        append(batch(NOW - 120_000, "a", "1", "b", "1"));
        log.forceRoll();
        append(batch(NOW, "a", "2"));
        log.forceRoll();
        assertTrue(cleanRound(), "the old segment is compacted");
        assertEquals(List.of(new Entry(0, "a", "1"), new Entry(1, "b", "1"), new Entry(2, "a", "2")),
                Compaction.readAll(log), "the young segment was not in the offset map: a=1 stays");
        assertEquals(2L, logCleaner.cleanedUpTo(TP).orElseThrow());
        assertFalse(cleanRound(), "the young segment must wait");
        time.advance(60_001);
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(1, "b", "1"), new Entry(2, "a", "2")), Compaction.readAll(log));
    }

    @Test
    void maxCompactionLagCompactsWhateverTheRatio() throws IOException {
        open(compacted(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "1", LogConfig.MAX_COMPACTION_LAG_MS, "5000"));
        append(batch(NOW, "a", "1", "b", "1"));
        append(batch(NOW, "a", "2"));
        log.forceRoll();
        assertFalse(cleanRound(), "a ratio of 1 is never exceeded");
        time.advance(5_001);
        assertFalse(cleanRound(), "the first dirty batch (max timestamp NOW + 1) has waited exactly the lag");
        time.advance(1);
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(1, "b", "1"), new Entry(2, "a", "2")), Compaction.readAll(log));
    }

    @Test
    void maxCompactionLagRollsTheActiveSegment() throws IOException {
        open(compacted(LogConfig.MAX_COMPACTION_LAG_MS, "5000"));
        append(batch(NOW, "a", "1"));
        time.advance(5_001);
        append(batch(time.milliseconds(), "a", "2"));
        assertEquals(List.of(0L, 1L), log.segmentBaseOffsets(), "segment.ms is capped by max.compaction.lag.ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesAreRecompressedWithTheirCodec(String codec) throws IOException {
        Compression compression = switch (codec) {
            case "gzip" -> Compression.gzip().build();
            case "snappy" -> Compression.snappy().build();
            case "lz4" -> Compression.lz4().build();
            case "zstd" -> Compression.zstd().build();
            default -> Compression.NONE;
        };
        open(compacted(LogConfig.SEGMENT_BYTES, "100000"));
        writeUpdates(12, compression);
        append(batch(compression, NOW + 20, "key-1", "last", "key-2", null));
        log.forceRoll();
        assertTrue(cleanRound());
        List<Entry> after = Compaction.readAll(log);
        assertEquals(10, after.size());
        assertEquals(new Entry(113, "key-3", "value-3-11"), after.get(1));
        assertEquals(new Entry(120, "key-1", "last"), after.get(8));
        assertEquals(new Entry(121, "key-2", null), after.get(9));
        for (Batch batch : Compaction.describe(log)) {
            assertEquals(codec, batch.codec(), batch.toString());
        }
        List<Batch> batches = Compaction.describe(log);
        assertEquals(2, batches.size());
        assertEquals(110, batches.get(0).baseOffset());
        assertEquals(119, batches.get(0).lastOffset());
        assertEquals(8, batches.get(0).count());
        assertTrue(batches.get(1).hasDeleteHorizon());
    }

    @Test
    void anIdempotentProducersLastBatchStaysEmptySoItsSequenceSurvives() throws IOException {
        open(compacted());
        append(Compaction.idempotent(42L, (short) 1, 0, NOW, "a", "1", "b", "1"));
        append(Compaction.idempotent(42L, (short) 1, 2, NOW, "a", "2", "b", "2"));
        append(batch(NOW, "a", "3", "b", "3"));
        log.forceRoll();
        assertTrue(cleanRound());
        List<Batch> batches = Compaction.describe(log);
        assertEquals(List.of(new Batch(2, 3, 0, "none", 42L, 3, false), new Batch(4, 5, 2, "none", -1L, -1, false)),
                batches, "the producer's first batch went; its last stays as an empty header");
        assertEquals(List.of(new Entry(4, "a", "3"), new Entry(5, "b", "3")), Compaction.readAll(log));

        log.close();
        log = null;
        try (var snapshots = Files.newDirectoryStream(tmp.resolve(TP.dirName()), "*.snapshot")) {
            for (Path snapshot : snapshots) {
                Files.delete(snapshot);
            }
        }
        open(compacted());
        assertEquals(3, log.producerState().entry(42L).lastSeq(), "producer state rebuilt from the log keeps the sequence");
        append(Compaction.idempotent(42L, (short) 1, 4, NOW, "c", "1"));
        LogException outOfOrder = assertThrows(LogException.class,
                () -> log.appendAsLeader(Compaction.idempotent(42L, (short) 1, 9, NOW, "c", "2"), 0));
        assertEquals(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, outOfOrder.error());
    }

    @Test
    void keylessRecordsAreRefusedOnCompactedTopicsOnly() throws IOException {
        open(compacted());
        LogException refused = assertThrows(LogException.class,
                () -> log.appendAsLeader(batch(NOW, "a", "1", null, "keyless"), 0));
        assertEquals(LogError.INVALID_RECORD, refused.error());
        assertEquals(0, log.logEndOffset());
        log.updateConfig(LogConfig.defaults().withOverrides(Map.of(LogConfig.CLEANUP_POLICY, "delete")));
        append(batch(NOW, "a", "1", null, "keyless"));
        assertEquals(2, log.logEndOffset());
    }

    @Test
    void keylessRecordsWrittenBeforeTheTopicWasCompactedAreDropped() throws IOException {
        open(LogConfig.defaults());
        append(batch(NOW, "a", "1", null, "keyless", "a", "2"));
        log.forceRoll();
        log.updateConfig(compacted());
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(2, "a", "2")), Compaction.readAll(log));
    }

    @Test
    void aSmallOffsetMapCompactsInSeveralRounds() throws IOException {
        open(compacted(LogConfig.SEGMENT_BYTES, "100000", LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.01"));
        for (int round = 0; round < 20; round++) {
            String[] kv = new String[20];
            for (int k = 0; k < 10; k++) {
                kv[2 * k] = "key-" + (round % 4 * 10 + k);
                kv[2 * k + 1] = "value-" + round;
            }
            append(batch(NOW, kv));
            if (round % 3 == 2) {
                log.forceRoll();
            }
        }
        log.forceRoll();
        // 40 keys, room for 21: the dirty range is covered in pieces.
        CleanerConfig tiny = new CleanerConfig(false, 1, 15_000L, 24 * 24, 4096, 0.9);
        Map<String, Entry> latest = Compaction.latest(Compaction.readAll(log));
        int rounds = 0;
        while (cleanRound(tiny) && rounds < 100) {
            rounds++;
            assertEquals(latest, Compaction.latest(Compaction.readAll(log)), "every round keeps each key's latest value");
        }
        assertTrue(rounds >= 2 && rounds < 100, "rounds: " + rounds);
        assertEquals(40, Compaction.readAll(log).size());
    }

    @Test
    void anOffsetMapTooSmallForOneBatchLeavesTheLogAlone() throws IOException {
        open(compacted());
        writeUpdates(5, Compression.NONE);
        CleanerConfig tiny = new CleanerConfig(false, 1, 15_000L, 5 * 24, 4096, 0.9);
        List<Entry> before = Compaction.readAll(log);
        assertFalse(cleanRound(tiny));
        assertEquals(before, Compaction.readAll(log));
        assertFalse(cleanRound(tiny), "the log is left alone after a failure");
    }

    @Test
    void compactAndDeleteDoBoth() throws IOException {
        // Each batch fills a segment, and two segments would not fit one: no merging.
        open(compacted(LogConfig.CLEANUP_POLICY, "compact,delete", LogConfig.RETENTION_MS, "10000",
                LogConfig.SEGMENT_BYTES, "100"));
        append(batch(NOW, "a", "1", "b", "1"));
        append(batch(NOW + 20_000, "a", "2", "c", "1"));
        append(batch(NOW + 20_000, "d", "1"));
        assertEquals(List.of(0L, 2L, 4L), log.segmentBaseOffsets());
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(1, "b", "1"), new Entry(2, "a", "2"), new Entry(3, "c", "1"), new Entry(4, "d", "1")),
                Compaction.readAll(log));
        time.advance(15_000);
        log.setHighWatermark(log.logEndOffset());
        assertEquals(1, log.deleteOldSegments(), "retention by time still applies");
        assertEquals(List.of(new Entry(2, "a", "2"), new Entry(3, "c", "1"), new Entry(4, "d", "1")), Compaction.readAll(log));
    }

    @Test
    void recordsAtOrAboveTheHighWatermarkAreNotCompacted() throws IOException {
        open(compacted(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.1"));
        append(batch(NOW, "a", "1"));
        log.forceRoll();
        append(batch(NOW, "a", "2"));
        log.forceRoll();
        append(batch(NOW, "a", "3"));
        log.setHighWatermark(1);
        assertTrue(cleanRound());
        assertEquals(1L, logCleaner.cleanedUpTo(TP).orElseThrow(), "only the segment below the high watermark");
        assertEquals(3, Compaction.readAll(log).size());
        log.setHighWatermark(3);
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(1, "a", "2"), new Entry(2, "a", "3")), Compaction.readAll(log));
    }

    @Test
    void aCheckpointOutsideTheLogStartsOver() throws IOException {
        open(compacted());
        append(batch(NOW, "a", "1", "a", "2"));
        log.forceRoll();
        Map<TopicPartition, Long> bogus = new HashMap<>();
        bogus.put(TP, 1_000L);
        new OffsetCheckpoints(tmp.resolve(CleanerManager.CHECKPOINT_FILE)).write(bogus);
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(1, "a", "2")), Compaction.readAll(log));
        assertEquals(2L, logCleaner.cleanedUpTo(TP).orElseThrow());
    }

    @Test
    void anUnreadableCheckpointFileStartsOver() throws IOException {
        open(compacted());
        append(batch(NOW, "a", "1", "a", "2"));
        log.forceRoll();
        Files.writeString(tmp.resolve(CleanerManager.CHECKPOINT_FILE), "0\n1\nnot a checkpoint line\n");
        assertTrue(cleanRound());
        assertEquals(List.of(new Entry(1, "a", "2")), Compaction.readAll(log));
        assertEquals(Map.of(TP, 2L), new OffsetCheckpoints(tmp.resolve(CleanerManager.CHECKPOINT_FILE)).read());
    }

    @Test
    void nonCompactedLogsAreNeverTouched() throws IOException {
        open(LogConfig.defaults());
        append(batch(NOW, "a", "1", "a", "2"));
        log.forceRoll();
        assertFalse(cleanRound());
        assertEquals(2, Compaction.readAll(log).size());
    }

    @Test
    void aTruncationWhileCompactingRefusesTheSwap() throws IOException {
        open(compacted());
        append(batch(NOW, "a", "1", "a", "2"));
        log.forceRoll();
        append(batch(NOW, "b", "1"));
        LogToClean target = LogToClean.of(log, null, NOW);
        log.truncateTo(2);
        append(batch(NOW, "c", "1"));
        cleaner = new LogCleaner(CONFIG, List.of(tmp), () -> Map.of(TP, log), time).newCleaner();
        assertNull(cleaner.clean(target, () -> false), "the copy was made before a truncation");
        assertEquals(3, Compaction.readAll(log).size());
        try (var files = Files.list(log.dir())) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".cleaned") || f.toString().endsWith(".swap")));
        }
    }

    @Test
    void aSegmentRemovedByRetentionWhileCompactingRefusesTheSwap() throws IOException {
        open(compacted(LogConfig.CLEANUP_POLICY, "compact,delete", LogConfig.RETENTION_MS, "1000"));
        append(batch(NOW - 5000, "a", "1", "a", "2"));
        log.forceRoll();
        append(batch(NOW, "b", "1", "b", "2"));
        log.forceRoll();
        append(batch(NOW, "c", "1"));
        LogToClean target = LogToClean.of(log, null, NOW);
        assertEquals(1, log.deleteOldSegments());
        cleaner = new LogCleaner(CONFIG, List.of(tmp), () -> Map.of(TP, log), time).newCleaner();
        assertNull(cleaner.clean(target, () -> false));
        assertEquals(List.of(new Entry(2, "b", "1"), new Entry(3, "b", "2"), new Entry(4, "c", "1")), Compaction.readAll(log));
        try (var files = Files.list(log.dir())) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".cleaned") || f.toString().endsWith(".swap")));
        }
    }

    @Test
    void aReadUnderWayFinishesOnTheReplacedSegment() throws IOException {
        open(compacted());
        append(batch(NOW, "a", "1", "a", "2"));
        log.forceRoll();
        var slice = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE);
        java.nio.ByteBuffer before = java.nio.ByteBuffer.allocate(slice.size());
        assertTrue(cleanRound());
        slice.channel().read(before, slice.position());
        before.flip();
        assertEquals(2, org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(before).batches().iterator()
                .next().countOrNull(), "the old file stays readable until file.delete.delay.ms");
        assertEquals(List.of(new Entry(1, "a", "2")), Compaction.readAll(log));
    }

    @Test
    void aCompactionStoppedMidwayLeavesTheLogAsItWas() throws IOException {
        open(compacted());
        writeUpdates(10, Compression.NONE);
        log.forceRoll();
        List<Entry> before = Compaction.readAll(log);
        cleaner = new LogCleaner(CONFIG, List.of(tmp), () -> Map.of(TP, log), time).newCleaner();
        int[] polls = {0};
        assertThrows(CleaningAbortedException.class,
                () -> cleaner.clean(LogToClean.of(log, null, NOW), () -> ++polls[0] > 12));
        assertEquals(before, Compaction.readAll(log));
        try (var files = Files.list(log.dir())) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".cleaned")));
        }
    }
}
