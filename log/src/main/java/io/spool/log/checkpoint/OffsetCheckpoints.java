package io.spool.log.checkpoint;

import io.spool.log.TopicPartition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A log-dir-level checkpoint of one offset per partition, lines {@code topic partition offset}:
 * {@code recovery-point-offset-checkpoint} and {@code log-start-offset-checkpoint}.
 */
public final class OffsetCheckpoints {
    public static final String RECOVERY_POINT_FILE = "recovery-point-offset-checkpoint";
    public static final String LOG_START_OFFSET_FILE = "log-start-offset-checkpoint";

    private record Entry(TopicPartition partition, long offset) {
    }

    private static final CheckpointFile.LineFormat<Entry> FORMAT = new CheckpointFile.LineFormat<>() {
        @Override
        public String format(Entry entry) {
            return entry.partition.topic() + " " + entry.partition.partition() + " " + entry.offset;
        }

        @Override
        public Entry parse(String line) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected 'topic partition offset'");
            }
            return new Entry(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
        }
    };

    private final CheckpointFile<Entry> file;

    public OffsetCheckpoints(Path file) {
        this.file = new CheckpointFile<>(file, FORMAT);
    }

    public Path file() {
        return file.file();
    }

    public void write(Map<TopicPartition, Long> offsets) throws IOException {
        file.write(offsets.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList());
    }

    /** The checkpointed offsets; empty when the file does not exist yet. */
    public Map<TopicPartition, Long> read() throws IOException {
        List<Entry> entries = file.read();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Entry entry : entries) {
            offsets.put(entry.partition, entry.offset);
        }
        return offsets;
    }
}
