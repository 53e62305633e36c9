package io.spool.log;

import io.spool.log.cleaner.CleanerConfig;
import io.spool.log.cleaner.Compaction;
import io.spool.log.segment.SegmentFiles;
import io.spool.log.time.ManualTime;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.spool.log.DumpLogSegmentsIT.assertNoProblems;
import static io.spool.log.DumpLogSegmentsIT.dump;
import static io.spool.log.DumpLogSegmentsIT.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka's own {@code DumpLogSegments} reads segments our cleaner rewrote: rebuilt and recompressed
 * batches, batches with a delete horizon, an idempotent producer's emptied last batch, and the
 * indexes of the merged segments.
 */
class CompactedDumpLogSegmentsIT {
    static final long NOW = 1_700_000_000_000L;
    static final TopicPartition TP = new TopicPartition("compacted-dump", 0);

    @TempDir
    static Path tmp;
    static Path dir;
    static List<Compaction.Entry> kept;

    @BeforeAll
    static void writeAndCompact() throws IOException, InterruptedException {
        Path logDir = tmp.resolve("logs");
        LogConfig config = Compaction.compacted(LogConfig.SEGMENT_BYTES, "3000", LogConfig.INDEX_INTERVAL_BYTES, "200");
        LogManagerConfig managerConfig = new LogManagerConfig(List.of(logDir), 300_000, 60_000, 60_000, 1000,
                86_400_000, 600_000).withCleaner(new CleanerConfig(true, 1, 10, 1 << 20, 64 * 1024, 0.9));
        LogManager manager = LogManager.start(managerConfig, LogConfig.defaults(), topic -> config, new ManualTime(NOW));
        Log log = manager.getOrCreateLog(TP, config);
        log.appendAsLeader(Compaction.idempotent(7L, (short) 0, 0, NOW, "p1", "a", "p2", "a"), 5);
        for (int round = 0; round < 40; round++) {
            Compression compression = round % 3 == 0 ? Compression.gzip().build()
                    : round % 3 == 1 ? Compression.zstd().build() : Compression.NONE;
            log.appendAsLeader(Compaction.batch(compression, NOW + round, "k" + round % 7, "v" + round,
                    "k" + (round + 2) % 7, round % 5 == 0 ? null : "w" + round, "p" + (1 + round % 2), "q" + round), 5);
        }
        log.appendAsLeader(Compaction.batch(NOW + 99, "k0", null), 5);
        log.forceRoll();
        log.appendAsLeader(Compaction.batch(NOW + 100, "last", "one"), 5);
        log.setHighWatermark(log.logEndOffset());
        long dirtyEnd = log.segmentBaseOffsets().get(log.numberOfSegments() - 1);
        Polling.await(() -> manager.cleaner().cleanedUpTo(TP).orElse(0L) == dirtyEnd, "compacted up to the active segment");
        kept = Compaction.readAll(log);
        dir = log.dir();
        manager.shutdown();
    }

    @Test
    void deepIterationReadsEveryKeptRecord() throws Exception {
        List<Path> logs = files(SegmentFiles.LOG_SUFFIX);
        String out = dump("--deep-iteration", "--print-data-log", "--files", join(logs));
        assertNoProblems(out);
        assertTrue(kept.size() < 124, "compaction removed records: " + kept.size() + " of 124");
        for (Compaction.Entry entry : kept) {
            assertTrue(out.contains("| offset: " + entry.offset() + " "), "record " + entry.offset() + " printed\n" + out);
            String printed = "key: " + entry.key() + (entry.value() == null ? "\n" : " payload: " + entry.value() + "\n");
            assertTrue(out.contains(printed), printed + " in\n" + out);
        }
        assertFalse(out.contains("isvalid: false"), out);
        assertTrue(out.contains("compresscodec: gzip") && out.contains("compresscodec: zstd"), out);
        assertTrue(out.contains("count: 0"), "the producer's emptied last batch is dumped:\n" + out);
        assertTrue(out.contains("deleteHorizonMs: OptionalLong[" + (NOW + 86_400_000L) + "]"),
                "a kept tombstone's batch shows its delete horizon:\n" + out);
    }

    @Test
    void theIndexesOfRewrittenSegmentsVerify() throws Exception {
        List<Path> indexes = new ArrayList<>(files(SegmentFiles.INDEX_SUFFIX));
        indexes.addAll(files(SegmentFiles.TIME_INDEX_SUFFIX));
        assertEquals(2 * files(SegmentFiles.LOG_SUFFIX).size(), indexes.size());
        // The first segment holds only the producer's emptied batch. Its time index entry carries
        // the batch header's max timestamp, as Kafka's own cleaner writes it; DumpLogSegments
        // compares entries with the records' timestamps and finds none in an empty batch.
        String emptiedBatchEntry = "Found timestamp mismatch in :" + dir.resolve("00000000000000000000.timeindex")
                + "\n  Index timestamp: " + (NOW + 1) + ", log timestamp: -1\n";
        String verified = dump("--verify-index-only", "--files", join(indexes));
        assertTrue(verified.contains(emptiedBatchEntry), verified);
        assertNoProblems(verified.replace(emptiedBatchEntry, ""));
        String times = dump("--files", join(files(SegmentFiles.TIME_INDEX_SUFFIX)));
        assertNoProblems(times.replace(emptiedBatchEntry, ""));
        assertTrue(times.contains("timestamp: " + (NOW + 99) + " offset: 122\n"), "the kept tombstone is indexed:\n" + times);
    }

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
