package io.spool.log;

import io.spool.log.checkpoint.OffsetCheckpoints;
import io.spool.log.time.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.spool.log.LogTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogManagerTest {
    @TempDir
    Path tmp;
    final ManualTime time = new ManualTime(NOW);

    LogManager start(Path... dirs) throws IOException {
        LogManagerConfig config = new LogManagerConfig(List.of(dirs), 300_000, 60_000, 60_000, 1000, 86_400_000, 600_000);
        return LogManager.start(config, LogConfig.defaults(), topic -> LogConfig.defaults(), time);
    }

    @Test
    void newPartitionsGoToTheDirWithFewest() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        LogManager manager = start(a, b);
        Log first = manager.getOrCreateLog(new TopicPartition("t", 0), LogConfig.defaults());
        Log second = manager.getOrCreateLog(new TopicPartition("t", 1), LogConfig.defaults());
        assertNotEquals(first.dir().getParent(), second.dir().getParent());
        assertEquals(first, manager.getOrCreateLog(new TopicPartition("t", 0), LogConfig.defaults()));
        manager.shutdown();
    }

    @Test
    void shutdownWritesCheckpointsAndTheMarkerAndRestartLoadsEverything() throws IOException {
        Path dir = tmp.resolve("logs");
        LogManager manager = start(dir);
        TopicPartition tp = new TopicPartition("with.dots-and-dashes", 2);
        Log log = manager.getOrCreateLog(tp, LogConfig.defaults());
        log.appendAsLeader(TestBatches.batch(4, NOW), 0);
        log.appendAsLeader(TestBatches.batch(4, NOW), 0);
        manager.shutdown();
        assertTrue(Files.exists(dir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)));
        assertEquals("0\n1\nwith.dots-and-dashes 2 8\n", Files.readString(dir.resolve(OffsetCheckpoints.RECOVERY_POINT_FILE)));
        assertEquals("0\n1\nwith.dots-and-dashes 2 0\n", Files.readString(dir.resolve(OffsetCheckpoints.LOG_START_OFFSET_FILE)));

        LogManager restarted = start(dir);
        assertFalse(Files.exists(dir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)), "the marker is consumed at start");
        Log reloaded = restarted.getLog(tp).orElseThrow();
        assertEquals(8, reloaded.logEndOffset());
        assertEquals(8, reloaded.appendAsLeader(TestBatches.batch(1, NOW), 0).firstOffset());
        restarted.shutdown();
    }

    @Test
    void aLogDirIsLockedWhileInUse() throws IOException {
        Path dir = tmp.resolve("locked");
        LogManager manager = start(dir);
        assertThrows(IOException.class, () -> start(dir));
        manager.shutdown();
        start(dir).shutdown();
    }

    @Test
    void deletedLogsAreRenamedThenRemoved() throws Exception {
        Path dir = tmp.resolve("logs");
        LogManager manager = start(dir);
        TopicPartition tp = new TopicPartition("gone", 0);
        LogConfig noDelay = LogConfig.defaults().withOverrides(Map.of(LogConfig.FILE_DELETE_DELAY_MS, "0"));
        manager.getOrCreateLog(tp, noDelay).appendAsLeader(TestBatches.batch(2, NOW), 0);
        assertTrue(manager.deleteLog(tp));
        assertFalse(Files.exists(dir.resolve("gone-0")));
        assertTrue(manager.getLog(tp).isEmpty());
        Polling.await(() -> {
            try (Stream<Path> children = Files.list(dir)) {
                return children.noneMatch(p -> p.getFileName().toString().startsWith("gone-0"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "the renamed directory is deleted");
        assertFalse(manager.deleteLog(tp));
        manager.shutdown();
    }

    @Test
    void leftoverDeleteDirsAreRemovedAtStart() throws IOException {
        Path dir = tmp.resolve("logs");
        Path leftover = dir.resolve("old-0.0123456789abcdef0123456789abcdef-delete");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("00000000000000000000.log"), new byte[10]);
        LogManager manager = start(dir);
        assertFalse(Files.exists(leftover));
        assertTrue(manager.allLogs().isEmpty());
        manager.shutdown();
    }

    @Test
    void brokerPropertiesMapOntoTopicConfigs() {
        LogConfig config = LogConfig.fromBrokerProperties(Map.of("log.retention.hours", "2", "log.segment.bytes", "2048",
                "log.roll.hours", "1", "message.max.bytes", "5000", "num.partitions", "3"));
        assertEquals(7_200_000L, config.retentionMs());
        assertEquals(2048, config.segmentBytes());
        assertEquals(3_600_000L, config.segmentMs());
        assertEquals(5000, config.maxMessageBytes());
        assertEquals(LogConfig.Source.BROKER, config.source(LogConfig.RETENTION_MS));
        LogConfig topic = config.withOverrides(Map.of(LogConfig.RETENTION_MS, "1000"));
        assertEquals(1000, topic.retentionMs());
        assertEquals(LogConfig.Source.TOPIC, topic.source(LogConfig.RETENTION_MS));
        assertEquals(1000, LogConfig.fromBrokerProperties(Map.of("log.retention.ms", "1000", "log.retention.hours", "5"))
                .retentionMs());
        assertEquals(-1, LogConfig.fromBrokerProperties(Map.of("log.retention.minutes", "-1")).retentionMs());
        assertThrows(IllegalArgumentException.class, () -> config.withOverrides(Map.of("segment.bytes", "abc")));
        assertThrows(IllegalArgumentException.class, () -> config.withOverrides(Map.of("no.such.config", "1")));
        assertThrows(IllegalArgumentException.class, () -> config.withOverrides(Map.of("message.timestamp.type", "Now")));
    }
}
