package io.spool.log;

import io.spool.log.cleaner.CleanerConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The broker-level settings of the log manager, under Kafka's broker property names and defaults.
 *
 * @param logDirs {@code log.dirs} (comma list), else {@code log.dir}
 * @param retentionCheckIntervalMs {@code log.retention.check.interval.ms}
 * @param recoveryPointCheckpointIntervalMs {@code log.flush.offset.checkpoint.interval.ms}
 * @param logStartOffsetCheckpointIntervalMs {@code log.flush.start.offset.checkpoint.interval.ms}
 * @param flushCheckIntervalMs {@code log.flush.scheduler.interval.ms}: how often {@code flush.ms} is checked
 * @param producerIdExpirationMs {@code producer.id.expiration.ms}
 * @param producerIdExpirationCheckIntervalMs {@code producer.id.expiration.check.interval.ms}
 * @param cleaner the {@code log.cleaner.*} settings of compaction
 */
public record LogManagerConfig(List<Path> logDirs, long retentionCheckIntervalMs, long recoveryPointCheckpointIntervalMs,
                               long logStartOffsetCheckpointIntervalMs, long flushCheckIntervalMs,
                               long producerIdExpirationMs, long producerIdExpirationCheckIntervalMs,
                               CleanerConfig cleaner) {
    /** Used for {@code flush.ms} checks when {@code log.flush.scheduler.interval.ms} is not set. */
    static final long DEFAULT_FLUSH_CHECK_INTERVAL_MS = 1000;

    public LogManagerConfig {
        if (logDirs.isEmpty()) {
            throw new IllegalArgumentException("log.dirs names no directory");
        }
        logDirs = List.copyOf(logDirs);
    }

    /** The settings with Kafka's default compaction settings. */
    public LogManagerConfig(List<Path> logDirs, long retentionCheckIntervalMs, long recoveryPointCheckpointIntervalMs,
                            long logStartOffsetCheckpointIntervalMs, long flushCheckIntervalMs,
                            long producerIdExpirationMs, long producerIdExpirationCheckIntervalMs) {
        this(logDirs, retentionCheckIntervalMs, recoveryPointCheckpointIntervalMs, logStartOffsetCheckpointIntervalMs,
                flushCheckIntervalMs, producerIdExpirationMs, producerIdExpirationCheckIntervalMs, CleanerConfig.defaults());
    }

    /** These settings with other compaction settings. */
    public LogManagerConfig withCleaner(CleanerConfig cleanerConfig) {
        return new LogManagerConfig(logDirs, retentionCheckIntervalMs, recoveryPointCheckpointIntervalMs,
                logStartOffsetCheckpointIntervalMs, flushCheckIntervalMs, producerIdExpirationMs,
                producerIdExpirationCheckIntervalMs, cleanerConfig);
    }

    /** Reads the settings from broker properties; invalid numbers are refused naming the property. */
    public static LogManagerConfig fromBrokerProperties(Map<String, String> props) {
        String dirs = props.getOrDefault("log.dirs", props.getOrDefault("log.dir", "/tmp/kafka-logs"));
        List<Path> logDirs = Arrays.stream(dirs.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
        return new LogManagerConfig(logDirs,
                positive(props, "log.retention.check.interval.ms", 300_000L),
                positive(props, "log.flush.offset.checkpoint.interval.ms", 60_000L),
                positive(props, "log.flush.start.offset.checkpoint.interval.ms", 60_000L),
                positive(props, "log.flush.scheduler.interval.ms", DEFAULT_FLUSH_CHECK_INTERVAL_MS),
                positive(props, "producer.id.expiration.ms", 86_400_000L),
                positive(props, "producer.id.expiration.check.interval.ms", 600_000L),
                CleanerConfig.fromBrokerProperties(props));
    }

    private static long positive(Map<String, String> props, String name, long defaultValue) {
        String value = props.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed <= 0) {
                throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected at least 1");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected a whole number");
        }
    }
}
