package io.spool.replication.partition;

import io.spool.log.Log;
import io.spool.log.TopicPartition;
import io.spool.log.checkpoint.OffsetCheckpoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code replication-offset-checkpoint} file of each log dir (Kafka's name and format: version,
 * count, then {@code topic partition offset} lines) holding the high watermarks of its partitions,
 * so a restarted replica does not expose records that were never committed.
 */
public final class HighWatermarkCheckpoints {
    public static final String FILE_NAME = "replication-offset-checkpoint";

    private final List<Path> logDirs;

    public HighWatermarkCheckpoints(List<Path> logDirs) {
        this.logDirs = List.copyOf(logDirs);
    }

    /** The checkpointed high watermarks of every log dir. */
    public Map<TopicPartition, Long> read() throws IOException {
        Map<TopicPartition, Long> all = new HashMap<>();
        for (Path dir : logDirs) {
            all.putAll(new OffsetCheckpoints(dir.resolve(FILE_NAME)).read());
        }
        return all;
    }

    /** Writes the high watermark of each log into the checkpoint of its log dir (every dir, so removed partitions drop out). */
    public void write(Collection<Log> logs) throws IOException {
        Map<Path, Map<TopicPartition, Long>> byDir = new HashMap<>();
        for (Path dir : logDirs) {
            byDir.put(dir.toAbsolutePath().normalize(), new HashMap<>());
        }
        for (Log log : logs) {
            Map<TopicPartition, Long> dir = byDir.get(log.dir().toAbsolutePath().normalize().getParent());
            if (dir != null) {
                dir.put(log.topicPartition(), log.highWatermark());
            }
        }
        for (Map.Entry<Path, Map<TopicPartition, Long>> e : byDir.entrySet()) {
            new OffsetCheckpoints(e.getKey().resolve(FILE_NAME)).write(e.getValue());
        }
    }
}
