package io.spool.log.cleaner;

import java.util.Map;

/**
 * The broker-level settings of log compaction, under Kafka's property names and defaults. The
 * per-topic ones ({@code min.cleanable.dirty.ratio}, {@code delete.retention.ms},
 * {@code min/max.compaction.lag.ms}, with their {@code log.cleaner.*} broker defaults) live in
 * {@link io.spool.log.LogConfig}.
 *
 * @param enabled {@code log.cleaner.enable}: whether compacted topics are compacted at all
 * @param threads {@code log.cleaner.threads}
 * @param backoffMs {@code log.cleaner.backoff.ms}: the pause when no log needs cleaning
 * @param dedupeBufferSize {@code log.cleaner.dedupe.buffer.size}: bytes of key-to-offset maps, shared by the threads
 * @param ioBufferSize {@code log.cleaner.io.buffer.size}: bytes of read and write buffers, shared by the threads
 * @param ioBufferLoadFactor {@code log.cleaner.io.buffer.load.factor}: how full a key-to-offset map may get
 */
public record CleanerConfig(boolean enabled, int threads, long backoffMs, long dedupeBufferSize, int ioBufferSize,
                            double ioBufferLoadFactor) {
    public static final String ENABLE = "log.cleaner.enable";
    public static final String THREADS = "log.cleaner.threads";
    public static final String BACKOFF_MS = "log.cleaner.backoff.ms";
    public static final String DEDUPE_BUFFER_SIZE = "log.cleaner.dedupe.buffer.size";
    public static final String IO_BUFFER_SIZE = "log.cleaner.io.buffer.size";
    public static final String IO_BUFFER_LOAD_FACTOR = "log.cleaner.io.buffer.load.factor";

    private static final CleanerConfig DEFAULTS = new CleanerConfig(true, 1, 15_000L, 134_217_728L, 524_288, 0.9);

    public CleanerConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("invalid value '" + threads + "' for " + THREADS + ": expected at least 1");
        }
        if (backoffMs < 0) {
            throw new IllegalArgumentException("invalid value '" + backoffMs + "' for " + BACKOFF_MS + ": expected at least 0");
        }
        if (dedupeBufferSize / threads < 2L * OffsetMap.BYTES_PER_ENTRY) {
            throw new IllegalArgumentException("invalid value '" + dedupeBufferSize + "' for " + DEDUPE_BUFFER_SIZE
                    + ": expected at least " + 2L * OffsetMap.BYTES_PER_ENTRY + " bytes per cleaner thread");
        }
        if (ioBufferSize < 0) {
            throw new IllegalArgumentException("invalid value '" + ioBufferSize + "' for " + IO_BUFFER_SIZE + ": expected at least 0");
        }
        if (!(ioBufferLoadFactor > 0 && ioBufferLoadFactor <= 1)) {
            throw new IllegalArgumentException("invalid value '" + ioBufferLoadFactor + "' for " + IO_BUFFER_LOAD_FACTOR
                    + ": expected a number above 0 and at most 1");
        }
    }

    /** Kafka's defaults: enabled, one thread, 15 s backoff, 128 MiB of maps, 512 KiB of I/O buffers, maps 90% full. */
    public static CleanerConfig defaults() {
        return DEFAULTS;
    }

    /** Reads the settings from broker properties; invalid values are refused naming the property. */
    public static CleanerConfig fromBrokerProperties(Map<String, String> props) {
        return new CleanerConfig(
                bool(props, ENABLE, DEFAULTS.enabled),
                (int) number(props, THREADS, DEFAULTS.threads, Integer.MAX_VALUE),
                number(props, BACKOFF_MS, DEFAULTS.backoffMs, Long.MAX_VALUE),
                number(props, DEDUPE_BUFFER_SIZE, DEFAULTS.dedupeBufferSize, Long.MAX_VALUE),
                (int) number(props, IO_BUFFER_SIZE, DEFAULTS.ioBufferSize, Integer.MAX_VALUE),
                fraction(props, IO_BUFFER_LOAD_FACTOR, DEFAULTS.ioBufferLoadFactor));
    }

    /** Each thread's share of the dedupe buffer, at most 2 GiB as in Kafka. */
    long dedupeBufferPerThread() {
        return Math.min(dedupeBufferSize / threads, Integer.MAX_VALUE);
    }

    /** Each thread's read buffer and write buffer start at this size (and grow for a larger batch). */
    int ioBufferPerThread() {
        return Math.max(ioBufferSize / threads / 2, 1);
    }

    private static boolean bool(Map<String, String> props, String name, boolean defaultValue) {
        String value = props.get(name);
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.trim();
        if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected true or false");
        }
        return Boolean.parseBoolean(trimmed);
    }

    private static long number(Map<String, String> props, String name, long defaultValue, long max) {
        String value = props.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > max) {
                throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected at most " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected a whole number");
        }
    }

    private static double fraction(Map<String, String> props, String name, double defaultValue) {
        String value = props.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected a number");
        }
    }
}
