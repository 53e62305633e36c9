package io.spool.log.checkpoint;

import io.spool.log.TopicPartition;
import io.spool.log.epoch.EpochEntry;
import io.spool.log.epoch.LeaderEpochCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void offsetCheckpointsUseKafkasTextLayout() throws IOException {
        OffsetCheckpoints checkpoints = new OffsetCheckpoints(dir.resolve(OffsetCheckpoints.RECOVERY_POINT_FILE));
        assertTrue(checkpoints.read().isEmpty());
        checkpoints.write(Map.of(new TopicPartition("my-topic", 7), 42L));
        assertEquals("0\n1\nmy-topic 7 42\n", Files.readString(checkpoints.file()));
        assertEquals(Map.of(new TopicPartition("my-topic", 7), 42L), checkpoints.read());
    }

    @Test
    void malformedCheckpointsAreRefused() throws IOException {
        Path file = dir.resolve("bad");
        Files.writeString(file, "0\n2\nt 0 1\n");
        assertThrows(IOException.class, () -> new OffsetCheckpoints(file).read());
        Files.writeString(file, "1\n0\n");
        assertThrows(IOException.class, () -> new OffsetCheckpoints(file).read());
        Files.writeString(file, "0\n1\nt x 1\n");
        assertThrows(IOException.class, () -> new OffsetCheckpoints(file).read());
    }

    @Test
    void leaderEpochHistoryIsWrittenThroughInKafkasLayout() throws IOException {
        LeaderEpochCache cache = new LeaderEpochCache(dir);
        cache.assign(0, 0);
        cache.assign(0, 10);
        cache.assign(2, 15);
        cache.assign(1, 20);
        cache.assign(5, 30);
        assertEquals("0\n3\n0 0\n2 15\n5 30\n", Files.readString(dir.resolve(LeaderEpochCache.FILE_NAME)));
        assertEquals(new EpochEntry(2, 30), cache.endOffsetFor(3, 100));
        assertEquals(new EpochEntry(5, 100), cache.endOffsetFor(5, 100));
        cache.truncateFromEnd(30);
        cache.truncateFromStart(20);
        assertEquals(List.of(new EpochEntry(2, 20)), new LeaderEpochCache(dir).entries());
    }
}
