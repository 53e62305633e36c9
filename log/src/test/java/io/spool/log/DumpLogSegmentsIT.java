package io.spool.log;

import io.spool.log.segment.SegmentFiles;
import io.spool.log.time.ManualTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache Kafka's own {@code DumpLogSegments} (run from the Maven Central kafka-tools jar in a
 * forked JVM) reads the files our log writes: batches and records with deep iteration, offset and
 * time indexes verified against the log, and producer snapshots.
 */
class DumpLogSegmentsIT {
    static final long NOW = 1_700_000_000_000L;
    static final String TOOL = "org.apache.kafka.tools.DumpLogSegments";
    static final List<String> PROBLEMS = List.of("Mismatches in", "not found in", "Found timestamp mismatch",
            "Found out of order", "crcValid: false", "invalid bytes", "Exception");

    @TempDir
    static Path tmp;
    static Path dir;
    static long logEndOffset;

    @BeforeAll
    static void writeLog() throws IOException, InterruptedException {
        TopicPartition tp = new TopicPartition("dump-test", 0);
        dir = tmp.resolve(tp.dirName());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        LogConfig config = LogConfig.defaults().withOverrides(Map.of(LogConfig.SEGMENT_BYTES, "4000",
                LogConfig.INDEX_INTERVAL_BYTES, "300"));
        Log log = Log.open(dir, tp, config, 0, 0, true, 86_400_000L, new ManualTime(NOW), scheduler);
        for (int i = 0; i < 30; i++) {
            log.appendAsLeader(TestBatches.batch(3, NOW + i * 10), 7);
            log.appendAsLeader(TestBatches.gzipBatch(4, NOW + i * 10 + 5), 7);
            log.appendAsLeader(TestBatches.idempotent(4000L, (short) 2, i * 2, 2, NOW + i * 10 + 7), 7);
        }
        logEndOffset = log.logEndOffset();
        log.close();
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void deepIterationPrintsEveryRecordWithValidCrcs() throws Exception {
        List<Path> logs = files(SegmentFiles.LOG_SUFFIX);
        assertTrue(logs.size() >= 3, "several segments: " + logs);
        String out = dump("--deep-iteration", "--print-data-log", "--files", join(logs));
        assertNoProblems(out);
        for (long offset = 0; offset < logEndOffset; offset++) {
            assertTrue(out.contains("| offset: " + offset + " "), "record " + offset + " printed");
        }
        assertFalse(out.contains("| offset: " + logEndOffset + " "));
        assertTrue(out.contains("payload: value-3"));
        assertTrue(out.contains("compresscodec: gzip"));
        assertTrue(out.contains("producerId: 4000 producerEpoch: 2"));
        assertTrue(out.contains("partitionLeaderEpoch: 7"));
    }

    @Test
    void indexesVerifyAgainstTheLog() throws Exception {
        List<Path> indexes = new ArrayList<>(files(SegmentFiles.INDEX_SUFFIX));
        indexes.addAll(files(SegmentFiles.TIME_INDEX_SUFFIX));
        String verified = dump("--verify-index-only", "--files", join(indexes));
        assertNoProblems(verified);
        String dumped = dump("--files", join(files(SegmentFiles.INDEX_SUFFIX)));
        assertNoProblems(dumped);
        long entries = dumped.lines().filter(l -> l.startsWith("offset: ") && l.contains(" position: ")).count();
        assertTrue(entries > 10, "offset index entries dumped: " + entries + "\n" + dumped);
        String times = dump("--files", join(files(SegmentFiles.TIME_INDEX_SUFFIX)));
        assertNoProblems(times);
        // The max timestamp NOW+298 is first reached by the last gzip batch (ending 2 records before the log end).
        assertTrue(times.strip().endsWith("timestamp: " + (NOW + 298) + " offset: " + (logEndOffset - 3)),
                "the last time index entry holds the log's max timestamp:\n" + times);
    }

    @Test
    void producerSnapshotsAreReadable() throws Exception {
        Path snapshot = dir.resolve(String.format("%020d.snapshot", logEndOffset));
        assertTrue(Files.exists(snapshot));
        String out = dump("--files", snapshot.toString());
        assertNoProblems(out);
        assertTrue(out.contains("producerId: 4000 producerEpoch: 2"), out);
        assertTrue(out.contains("lastSequence: 59"), out);
        assertTrue(out.contains("lastOffset: " + (logEndOffset - 1)), out);
    }

    static void assertNoProblems(String out) {
        for (String problem : PROBLEMS) {
            assertFalse(out.contains(problem), "DumpLogSegments reported '" + problem + "':\n" + out);
        }
    }

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static String join(List<Path> files) {
        return String.join(",", files.stream().map(Path::toString).toList());
    }

    /** Runs the tool in a fresh JVM on the test classpath and returns what it printed. */
    static String dump(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TOOL));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "DumpLogSegments finished");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text;
    }
}
