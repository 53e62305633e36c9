package io.spool.log;

import io.spool.log.cleaner.CleanerConfig;
import io.spool.log.cleaner.Compaction;
import io.spool.log.cleaner.Compaction.Entry;
import io.spool.log.time.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.spool.log.LogTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compaction as the log manager runs it: on the cleaner's own threads, checkpointed per log dir. */
class LogManagerCompactionTest {
    static final LogConfig COMPACTED = Compaction.compacted();

    @TempDir
    Path tmp;
    final ManualTime time = new ManualTime(NOW);

    LogManager start(Path dir, CleanerConfig cleaner) throws IOException {
        LogManagerConfig config = new LogManagerConfig(List.of(dir), 300_000, 60_000, 60_000, 1000, 86_400_000, 600_000)
                .withCleaner(cleaner);
        return LogManager.start(config, LogConfig.defaults(), topic -> COMPACTED, time);
    }

    static CleanerConfig threads(int threads) {
        return new CleanerConfig(true, threads, 10, 1 << 20, 64 * 1024, 0.9);
    }

    static void writeUpdates(Log log, String key) {
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(Compaction.batch(NOW, key, "v" + i, key + "-other", "w" + i), 0);
        }
        log.setHighWatermark(log.logEndOffset());
        log.forceRoll();
    }

    @Test
    void cleanerThreadsCompactEveryCompactedLogAndCheckpointIt() throws IOException, InterruptedException {
        Path dir = tmp.resolve("logs");
        LogManager manager = start(dir, threads(2));
        TopicPartition a = new TopicPartition("a", 0);
        TopicPartition b = new TopicPartition("b", 0);
        TopicPartition plain = new TopicPartition("plain", 0);
        Log logA = manager.getOrCreateLog(a, COMPACTED);
        Log logB = manager.getOrCreateLog(b, COMPACTED);
        Log logPlain = manager.getOrCreateLog(plain, LogConfig.defaults());
        writeUpdates(logA, "x");
        writeUpdates(logB, "y");
        writeUpdates(logPlain, "z");

        Polling.await(() -> manager.cleaner().cleanedUpTo(a).isPresent() && manager.cleaner().cleanedUpTo(b).isPresent(),
                "both compacted logs are compacted");
        assertEquals(List.of(new Entry(18, "x", "v9"), new Entry(19, "x-other", "w9")), Compaction.readAll(logA));
        assertEquals(2, Compaction.readAll(logB).size());
        assertEquals(20, Compaction.readAll(logPlain).size(), "a delete-policy log is never compacted");
        assertFalse(manager.cleaner().cleanedUpTo(plain).isPresent());
        String checkpoint = Files.readString(dir.resolve("cleaner-offset-checkpoint"));
        assertTrue(checkpoint.startsWith("0\n2\n") && checkpoint.contains("a 0 20\n") && checkpoint.contains("b 0 20\n"),
                checkpoint);
        manager.shutdown();

        LogManager restarted = start(dir, threads(1));
        assertEquals(20L, restarted.cleaner().cleanedUpTo(a).orElseThrow(), "the checkpoint is read back at start");
        assertEquals(2, Compaction.readAll(restarted.getLog(a).orElseThrow()).size());
        restarted.shutdown();
    }

    @Test
    void deletingALogStopsItsCompactionAndForgetsItsCheckpoint() throws IOException, InterruptedException {
        Path dir = tmp.resolve("logs");
        LogManager manager = start(dir, threads(1));
        TopicPartition tp = new TopicPartition("t", 0);
        Log log = manager.getOrCreateLog(tp, COMPACTED);
        writeUpdates(log, "k");
        Polling.await(() -> manager.cleaner().cleanedUpTo(tp).isPresent(), "compacted");
        for (int round = 0; round < 20; round++) {
            writeUpdates(log, "k" + round);
        }
        assertTrue(manager.deleteLog(tp));
        assertFalse(manager.cleaner().cleanedUpTo(tp).isPresent());
        Log recreated = manager.getOrCreateLog(tp, COMPACTED);
        assertEquals(0, recreated.logEndOffset());
        writeUpdates(recreated, "n");
        Polling.await(() -> manager.cleaner().cleanedUpTo(tp).isPresent(), "the new log is compacted from its start");
        assertEquals(2, Compaction.readAll(recreated).size());
        manager.shutdown();
    }

    @Test
    void aDisabledCleanerLeavesCompactedLogsAlone() throws IOException, InterruptedException {
        CleanerConfig disabled = new CleanerConfig(false, 1, 10, 1 << 20, 64 * 1024, 0.9);
        LogManager manager = start(tmp.resolve("logs"), disabled);
        Log log = manager.getOrCreateLog(new TopicPartition("t", 0), COMPACTED);
        writeUpdates(log, "k");
        assertEquals(20, Compaction.readAll(log).size());
        assertFalse(manager.cleaner().cleanedUpTo(log.topicPartition()).isPresent());
        manager.shutdown();
    }

    @Test
    void cleanerSettingsComeFromKafkasBrokerProperties() {
        LogManagerConfig config = LogManagerConfig.fromBrokerProperties(Map.of("log.dirs", "/tmp/x",
                "log.cleaner.enable", "false", "log.cleaner.threads", "3", "log.cleaner.backoff.ms", "500",
                "log.cleaner.dedupe.buffer.size", "3000000", "log.cleaner.io.buffer.size", "60000",
                "log.cleaner.io.buffer.load.factor", "0.5"));
        assertEquals(new CleanerConfig(false, 3, 500, 3_000_000, 60_000, 0.5), config.cleaner());
        assertEquals(CleanerConfig.defaults(), LogManagerConfig.fromBrokerProperties(Map.of("log.dirs", "/tmp/x")).cleaner());
        assertEquals(new CleanerConfig(true, 1, 15_000, 134_217_728, 524_288, 0.9), CleanerConfig.defaults());
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
                () -> CleanerConfig.fromBrokerProperties(Map.of("log.cleaner.threads", "0")));
        assertTrue(threads.getMessage().contains("log.cleaner.threads"), threads.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CleanerConfig.fromBrokerProperties(Map.of("log.cleaner.enable", "yes")));
        assertThrows(IllegalArgumentException.class,
                () -> CleanerConfig.fromBrokerProperties(Map.of("log.cleaner.dedupe.buffer.size", "10")));
        assertThrows(IllegalArgumentException.class,
                () -> CleanerConfig.fromBrokerProperties(Map.of("log.cleaner.io.buffer.load.factor", "1.5")));
    }

    @Test
    void topicLevelCompactionSettingsTakeTheBrokersCleanerDefaults() {
        LogConfig fromBroker = LogConfig.fromBrokerProperties(Map.of("log.cleaner.min.cleanable.ratio", "0.25",
                "log.cleaner.delete.retention.ms", "1000", "log.cleaner.min.compaction.lag.ms", "2000",
                "log.cleaner.max.compaction.lag.ms", "3000"));
        assertEquals(0.25, fromBroker.minCleanableDirtyRatio());
        assertEquals(1000, fromBroker.deleteRetentionMs());
        assertEquals(2000, fromBroker.minCompactionLagMs());
        assertEquals(3000, fromBroker.maxCompactionLagMs());
        LogConfig topic = fromBroker.withOverrides(Map.of(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.75",
                LogConfig.CLEANUP_POLICY, "compact"));
        assertEquals(0.75, topic.minCleanableDirtyRatio());
        assertEquals(3000, topic.maxSegmentMs(), "segment.ms is capped by max.compaction.lag.ms when compacting");
        assertEquals(604_800_000L, fromBroker.maxSegmentMs(), "but not for a delete-policy topic");
        assertEquals(0.5, LogConfig.defaults().minCleanableDirtyRatio());
        assertEquals(86_400_000L, LogConfig.defaults().deleteRetentionMs());
        assertEquals(0L, LogConfig.defaults().minCompactionLagMs());
        assertEquals(Long.MAX_VALUE, LogConfig.defaults().maxCompactionLagMs());
    }
}
