package io.spool.log.cleaner;

import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.log.TopicPartition;
import io.spool.log.cleaner.Compaction.Entry;
import io.spool.log.segment.SegmentFiles;
import io.spool.log.time.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import static io.spool.log.cleaner.Compaction.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash at each step of a compaction's swap, simulated by leaving the files as the process
 * would have: the same log is written twice, one copy is compacted, and its compacted segment is
 * placed in the other copy under the names each step leaves. Opening the log must give either
 * the log as it was or the compacted one, never lose a key's latest value, and leave no
 * {@code .cleaned}, {@code .swap} or {@code .deleted} file behind.
 */
class CrashRecoveryTest {
    static final long NOW = 1_700_000_000_000L;
    static final TopicPartition TP = new TopicPartition("crash", 0);
    static final LogConfig CONFIG = Compaction.compacted(LogConfig.INDEX_INTERVAL_BYTES, "100");

    /** Where the crash left the files; {@code compacted} says which log must come back. */
    enum Crash {
        WHILE_WRITING_THE_COPY(false),
        WHILE_RENAMING_THE_COPY_TO_SWAP(false),
        AFTER_RENAMING_TO_SWAP(true),
        WHILE_RENAMING_THE_REPLACED_SEGMENTS(true),
        WHILE_RENAMING_THE_SWAP_TO_PLAIN_NAMES(true);

        final boolean compacted;

        Crash(boolean compacted) {
            this.compacted = compacted;
        }
    }

    @TempDir
    Path tmp;
    ManualTime time;
    ScheduledExecutorService scheduler;

    @BeforeEach
    void setUp() {
        time = new ManualTime(NOW);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    Log open(Path parent, boolean cleanShutdown) throws IOException {
        return Log.open(parent.resolve(TP.dirName()), TP, CONFIG, 0L, 0L, cleanShutdown, 86_400_000L, time, scheduler);
    }

    /** Updates to 8 keys over 4 segments plus an active one; deterministic, so two copies are byte for byte the same. */
    static void write(Log log) {
        for (int round = 0; round < 20; round++) {
            log.appendAsLeader(batch(NOW + round, "k" + round % 8, "v" + round, "k" + (round + 3) % 8, "w" + round), 1);
            if (round % 5 == 4) {
                log.forceRoll();
            }
        }
        log.appendAsLeader(batch(NOW + 50, "k1", "active"), 1);
        log.setHighWatermark(log.logEndOffset());
    }

    @ParameterizedTest
    @EnumSource(Crash.class)
    void openingAfterACrashFinishesOrUndoesTheSwap(Crash crash) throws IOException {
        Path original = tmp.resolve("original");
        Path compacted = tmp.resolve("compacted");
        Log log = open(original, true);
        write(log);
        List<Entry> before = Compaction.readAll(log);
        List<Long> bases = log.segmentBaseOffsets();
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), bases);
        log.close();

        Log other = open(compacted, true);
        write(other);
        LogCleaner logCleaner = new LogCleaner(new CleanerConfig(false, 1, 1000, 1 << 16, 4096, 0.9), List.of(compacted),
                () -> Map.of(TP, other), time);
        logCleaner.startup();
        try (Cleaner cleaner = logCleaner.newCleaner()) {
            assertTrue(logCleaner.cleanFilthiestLog(cleaner, () -> false));
        }
        List<Entry> after = Compaction.readAll(other);
        assertEquals(List.of(0L, 40L), other.segmentBaseOffsets());
        other.close();
        assertEquals(Compaction.latest(before), Compaction.latest(after));
        assertTrue(after.size() < before.size());

        Path dir = original.resolve(TP.dirName());
        Path copy = compacted.resolve(TP.dirName());
        leaveFilesOf(crash, dir, copy, bases.subList(0, 4));

        Log recovered = open(original, false);
        List<Entry> last;
        try {
            List<Entry> read = Compaction.readAll(recovered);
            assertEquals(crash.compacted ? after : before, read);
            assertEquals(Compaction.latest(before), Compaction.latest(read), "no key lost its latest value");
            assertEquals(crash.compacted ? List.of(0L, 40L) : bases, recovered.segmentBaseOffsets());
            try (Stream<Path> files = Files.list(dir)) {
                List<String> leftovers = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(SegmentFiles.CLEANED_SUFFIX) || n.endsWith(SegmentFiles.SWAP_SUFFIX)
                                || n.endsWith(SegmentFiles.DELETED_SUFFIX)).toList();
                assertEquals(List.of(), leftovers);
            }
            recovered.appendAsLeader(batch(NOW + 60, "k2", "after"), 1);
            last = Compaction.readAll(recovered);
            assertEquals(new Entry(recovered.logEndOffset() - 1, "k2", "after"), last.get(last.size() - 1));
        } finally {
            recovered.close();
        }
        // Opened again after a clean shutdown, the indexes written by the recovery are trusted and right.
        Log reopened = open(original, true);
        try {
            assertEquals(last, Compaction.readAll(reopened));
        } finally {
            reopened.close();
        }
    }

    /** Puts the compacted copy's files into the original log dir as the crash would have left them. */
    private static void leaveFilesOf(Crash crash, Path dir, Path copy, List<Long> replaced) throws IOException {
        Path log = SegmentFiles.logFile(copy, 0);
        Path index = SegmentFiles.indexFile(copy, 0);
        Path timeIndex = SegmentFiles.timeIndexFile(copy, 0);
        switch (crash) {
            case WHILE_WRITING_THE_COPY -> {
                byte[] bytes = Files.readAllBytes(log);
                Files.write(suffixed(SegmentFiles.logFile(dir, 0), SegmentFiles.CLEANED_SUFFIX),
                        Arrays.copyOf(bytes, bytes.length / 2));
                Files.write(suffixed(SegmentFiles.indexFile(dir, 0), SegmentFiles.CLEANED_SUFFIX), new byte[1024]);
            }
            case WHILE_RENAMING_THE_COPY_TO_SWAP -> {
                copy(index, suffixed(SegmentFiles.indexFile(dir, 0), SegmentFiles.SWAP_SUFFIX));
                copy(timeIndex, suffixed(SegmentFiles.timeIndexFile(dir, 0), SegmentFiles.CLEANED_SUFFIX));
                copy(log, suffixed(SegmentFiles.logFile(dir, 0), SegmentFiles.CLEANED_SUFFIX));
            }
            case AFTER_RENAMING_TO_SWAP -> {
                copy(index, suffixed(SegmentFiles.indexFile(dir, 0), SegmentFiles.SWAP_SUFFIX));
                copy(timeIndex, suffixed(SegmentFiles.timeIndexFile(dir, 0), SegmentFiles.SWAP_SUFFIX));
                copy(log, suffixed(SegmentFiles.logFile(dir, 0), SegmentFiles.SWAP_SUFFIX));
            }
            case WHILE_RENAMING_THE_REPLACED_SEGMENTS -> {
                copy(index, suffixed(SegmentFiles.indexFile(dir, 0), SegmentFiles.SWAP_SUFFIX));
                copy(timeIndex, suffixed(SegmentFiles.timeIndexFile(dir, 0), SegmentFiles.SWAP_SUFFIX));
                copy(log, suffixed(SegmentFiles.logFile(dir, 0), SegmentFiles.SWAP_SUFFIX));
                for (long base : replaced.subList(0, 2)) {
                    markDeleted(dir, base);
                }
            }
            case WHILE_RENAMING_THE_SWAP_TO_PLAIN_NAMES -> {
                for (long base : replaced) {
                    markDeleted(dir, base);
                }
                copy(index, SegmentFiles.indexFile(dir, 0));
                copy(timeIndex, SegmentFiles.timeIndexFile(dir, 0));
                copy(log, suffixed(SegmentFiles.logFile(dir, 0), SegmentFiles.SWAP_SUFFIX));
            }
            default -> throw new IllegalStateException(crash.toString());
        }
    }

    private static void markDeleted(Path dir, long base) throws IOException {
        for (Path file : List.of(SegmentFiles.logFile(dir, base), SegmentFiles.indexFile(dir, base),
                SegmentFiles.timeIndexFile(dir, base))) {
            Files.move(file, suffixed(file, SegmentFiles.DELETED_SUFFIX));
        }
    }

    private static Path suffixed(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
