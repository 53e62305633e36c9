package io.spool.log;

import io.spool.wire.records.CompressionType;
import io.spool.wire.records.TimestampType;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A topic's log settings under Kafka's topic-level names and defaults. Immutable; built from the
 * broker's defaults ({@link #fromBrokerProperties}, mapping {@code log.retention.hours} and kin to
 * their topic names) plus a topic's overrides ({@link #withOverrides}). Invalid values are refused
 * with an IllegalArgumentException that names the setting.
 */
public final class LogConfig {
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL = "compression.zstd.level";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String MAX_COMPACTION_LAG_MS = "max.compaction.lag.ms";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String PREALLOCATE = "preallocate";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String SEGMENT_JITTER_MS = "segment.jitter.ms";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

    private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        define(Setting.list(CLEANUP_POLICY, "delete", "log.cleanup.policy", "delete", "compact"));
        define(Setting.choice(COMPRESSION_TYPE, "producer", "compression.type",
                "uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"));
        define(Setting.level(COMPRESSION_GZIP_LEVEL, CompressionType.GZIP));
        define(Setting.level(COMPRESSION_LZ4_LEVEL, CompressionType.LZ4));
        define(Setting.level(COMPRESSION_ZSTD_LEVEL, CompressionType.ZSTD));
        define(Setting.number(DELETE_RETENTION_MS, 86_400_000L, 0, "log.cleaner.delete.retention.ms"));
        define(Setting.number(FILE_DELETE_DELAY_MS, 60_000L, 0, "log.segment.delete.delay.ms"));
        define(Setting.number(FLUSH_MESSAGES, Long.MAX_VALUE, 1, "log.flush.interval.messages"));
        define(Setting.number(FLUSH_MS, Long.MAX_VALUE, 0, "log.flush.interval.ms"));
        define(Setting.number(INDEX_INTERVAL_BYTES, 4096, 0, "log.index.interval.bytes").asInt());
        define(Setting.number(MAX_COMPACTION_LAG_MS, Long.MAX_VALUE, 1, "log.cleaner.max.compaction.lag.ms"));
        define(Setting.number(MAX_MESSAGE_BYTES, 1_048_588, 0, "message.max.bytes").asInt());
        define(Setting.number(MESSAGE_TIMESTAMP_AFTER_MAX_MS, 3_600_000L, 0, "log.message.timestamp.after.max.ms"));
        define(Setting.number(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, Long.MAX_VALUE, 0, "log.message.timestamp.before.max.ms"));
        define(Setting.choice(MESSAGE_TIMESTAMP_TYPE, "CreateTime", "log.message.timestamp.type", "CreateTime", "LogAppendTime"));
        define(Setting.fraction(MIN_CLEANABLE_DIRTY_RATIO, "0.5", "log.cleaner.min.cleanable.ratio"));
        define(Setting.number(MIN_COMPACTION_LAG_MS, 0L, 0, "log.cleaner.min.compaction.lag.ms"));
        define(Setting.number(MIN_INSYNC_REPLICAS, 1, 1, "min.insync.replicas").asInt());
        define(Setting.bool(PREALLOCATE, false, "log.preallocate"));
        define(Setting.number(RETENTION_BYTES, -1L, Long.MIN_VALUE, "log.retention.bytes"));
        define(Setting.number(RETENTION_MS, 604_800_000L, -1, "log.retention.ms"));
        define(Setting.number(SEGMENT_BYTES, 1_073_741_824, io.spool.wire.records.RecordBatch.HEADER_SIZE, "log.segment.bytes").asInt());
        define(Setting.number(SEGMENT_INDEX_BYTES, 10_485_760, 4, "log.index.size.max.bytes").asInt());
        define(Setting.number(SEGMENT_JITTER_MS, 0L, 0, "log.roll.jitter.ms"));
        define(Setting.number(SEGMENT_MS, 604_800_000L, 1, "log.roll.ms"));
        define(Setting.bool(UNCLEAN_LEADER_ELECTION_ENABLE, false, "unclean.leader.election.enable"));
    }

    private static final LogConfig DEFAULTS = new LogConfig(Map.of(), Map.of());

    private final Map<String, String> values;
    private final Map<String, String> brokerValues;
    private final Map<String, String> overrides;
    // Parsed once: appends read these settings for every batch.
    private final Map<String, Long> numbers = new HashMap<>();
    private final List<String> cleanupPolicy;

    private LogConfig(Map<String, String> brokerValues, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Setting setting : SETTINGS.values()) {
            merged.put(setting.name, setting.defaultValue);
        }
        merged.putAll(brokerValues);
        merged.putAll(overrides);
        for (Map.Entry<String, String> entry : merged.entrySet()) {
            SETTINGS.get(entry.getKey()).validate(entry.getValue());
        }
        this.values = Collections.unmodifiableMap(merged);
        this.brokerValues = Map.copyOf(brokerValues);
        this.overrides = Map.copyOf(overrides);
        for (Setting setting : SETTINGS.values()) {
            if (setting.isWholeNumber()) {
                numbers.put(setting.name, Long.parseLong(merged.get(setting.name)));
            }
        }
        this.cleanupPolicy = Setting.items(merged.get(CLEANUP_POLICY));
    }

    /** Kafka's defaults for every topic setting. */
    public static LogConfig defaults() {
        return DEFAULTS;
    }

    /**
     * The topic defaults a broker's properties imply: {@code log.retention.ms} over
     * {@code .minutes} over {@code .hours}, {@code log.roll.ms} over {@code log.roll.hours}, and
     * each other {@code log.*} (or {@code message.max.bytes}, ...) onto its topic-level name.
     * Properties that are not log settings are ignored.
     */
    public static LogConfig fromBrokerProperties(Map<String, String> brokerProperties) {
        Map<String, String> mapped = new LinkedHashMap<>();
        for (Setting setting : SETTINGS.values()) {
            String value = brokerProperties.get(setting.brokerName);
            if (value != null) {
                mapped.put(setting.name, value.trim());
            }
        }
        String retention = firstOf(brokerProperties, "log.retention.ms", "log.retention.minutes", 60_000L,
                "log.retention.hours", 3_600_000L);
        if (retention != null) {
            mapped.put(RETENTION_MS, retention);
        }
        String roll = firstOf(brokerProperties, "log.roll.ms", "log.roll.hours", 3_600_000L, null, 0);
        if (roll != null) {
            mapped.put(SEGMENT_MS, roll);
        }
        String jitter = firstOf(brokerProperties, "log.roll.jitter.ms", "log.roll.jitter.hours", 3_600_000L, null, 0);
        if (jitter != null) {
            mapped.put(SEGMENT_JITTER_MS, jitter);
        }
        return new LogConfig(mapped, Map.of());
    }

    /** This config with a topic's own settings on top. Unknown names are refused. */
    public LogConfig withOverrides(Map<String, String> topicOverrides) {
        for (String name : topicOverrides.keySet()) {
            if (!SETTINGS.containsKey(name)) {
                throw new IllegalArgumentException("unknown topic config " + name);
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        topicOverrides.forEach((name, value) -> merged.put(name, value == null ? null : value.trim()));
        merged.values().removeIf(v -> v == null);
        return new LogConfig(brokerValues, merged);
    }

    /** Every topic-level setting this config knows, in a stable order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(SETTINGS.keySet());
    }

    /** The broker property a topic setting takes its default from. */
    public static String brokerSynonym(String name) {
        Setting setting = SETTINGS.get(name);
        return setting == null ? null : setting.brokerName;
    }

    /** Every setting's effective value as text. */
    public Map<String, String> values() {
        return values;
    }

    /** The topic's own settings (not the broker's defaults). */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** Where a setting's value comes from. */
    public enum Source { TOPIC, BROKER, DEFAULT }

    public Source source(String name) {
        if (overrides.containsKey(name)) {
            return Source.TOPIC;
        }
        return brokerValues.containsKey(name) ? Source.BROKER : Source.DEFAULT;
    }

    public List<String> cleanupPolicy() {
        return cleanupPolicy;
    }

    public boolean deleteEnabled() {
        return cleanupPolicy().contains("delete");
    }

    public boolean compactEnabled() {
        return cleanupPolicy().contains("compact");
    }

    public String compressionType() {
        return values.get(COMPRESSION_TYPE);
    }

    /**
     * The codec a leader stores client batches in, or null for {@code producer}, which keeps each
     * batch's own codec. {@code uncompressed} is {@link CompressionType#NONE}.
     */
    public CompressionType storedCompression() {
        return switch (compressionType()) {
            case "producer" -> null;
            case "uncompressed" -> CompressionType.NONE;
            default -> CompressionType.valueOf(compressionType().toUpperCase(java.util.Locale.ROOT));
        };
    }

    /** The level batches are compressed at in {@code type}: the topic's {@code compression.<codec>.level}, else the codec's default. */
    public int compressionLevel(CompressionType type) {
        return switch (type) {
            case GZIP -> (int) longValue(COMPRESSION_GZIP_LEVEL);
            case LZ4 -> (int) longValue(COMPRESSION_LZ4_LEVEL);
            case ZSTD -> (int) longValue(COMPRESSION_ZSTD_LEVEL);
            case NONE, SNAPPY -> type.defaultLevel();
        };
    }

    /** How long tombstones stay readable after compaction first sees them (the KIP-534 delete horizon). */
    public long deleteRetentionMs() {
        return longValue(DELETE_RETENTION_MS);
    }

    /** The share of the cleanable bytes that must be dirty before compaction runs. */
    public double minCleanableDirtyRatio() {
        return Double.parseDouble(values.get(MIN_CLEANABLE_DIRTY_RATIO));
    }

    /** A record is compacted no sooner than this after it was written. */
    public long minCompactionLagMs() {
        return longValue(MIN_COMPACTION_LAG_MS);
    }

    /** A record is compacted no later than about this after it was written, whatever the dirty ratio. */
    public long maxCompactionLagMs() {
        return longValue(MAX_COMPACTION_LAG_MS);
    }

    public long fileDeleteDelayMs() {
        return longValue(FILE_DELETE_DELAY_MS);
    }

    public long flushMessages() {
        return longValue(FLUSH_MESSAGES);
    }

    public long flushMs() {
        return longValue(FLUSH_MS);
    }

    public int indexIntervalBytes() {
        return (int) longValue(INDEX_INTERVAL_BYTES);
    }

    public int maxMessageBytes() {
        return (int) longValue(MAX_MESSAGE_BYTES);
    }

    public long messageTimestampAfterMaxMs() {
        return longValue(MESSAGE_TIMESTAMP_AFTER_MAX_MS);
    }

    public long messageTimestampBeforeMaxMs() {
        return longValue(MESSAGE_TIMESTAMP_BEFORE_MAX_MS);
    }

    public TimestampType messageTimestampType() {
        return "LogAppendTime".equals(values.get(MESSAGE_TIMESTAMP_TYPE))
                ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }

    public int minInsyncReplicas() {
        return (int) longValue(MIN_INSYNC_REPLICAS);
    }

    public long retentionBytes() {
        return longValue(RETENTION_BYTES);
    }

    /** -1 keeps segments forever. */
    public long retentionMs() {
        return longValue(RETENTION_MS);
    }

    public int segmentBytes() {
        return (int) longValue(SEGMENT_BYTES);
    }

    public int segmentIndexBytes() {
        return (int) longValue(SEGMENT_INDEX_BYTES);
    }

    public long segmentJitterMs() {
        return longValue(SEGMENT_JITTER_MS);
    }

    public long segmentMs() {
        return longValue(SEGMENT_MS);
    }

    /**
     * How long the active segment may stay open: {@code segment.ms}, or {@code max.compaction.lag.ms}
     * when that is shorter on a compacted topic, since compaction never touches the active segment.
     */
    public long maxSegmentMs() {
        return compactEnabled() ? Math.min(segmentMs(), maxCompactionLagMs()) : segmentMs();
    }

    public boolean uncleanLeaderElectionEnable() {
        return Boolean.parseBoolean(values.get(UNCLEAN_LEADER_ELECTION_ENABLE));
    }

    private long longValue(String name) {
        return numbers.get(name);
    }

    private static String firstOf(Map<String, String> props, String msName, String coarseName, long coarseMs,
                                  String coarsestName, long coarsestMs) {
        if (props.containsKey(msName)) {
            return props.get(msName).trim();
        }
        String coarse = props.get(coarseName);
        if (coarse != null) {
            return scale(coarseName, coarse, coarseMs);
        }
        String coarsest = coarsestName == null ? null : props.get(coarsestName);
        return coarsest == null ? null : scale(coarsestName, coarsest, coarsestMs);
    }

    private static String scale(String name, String value, long unitMs) {
        try {
            long units = Long.parseLong(value.trim());
            return Long.toString(units < 0 ? -1 : Math.multiplyExact(units, unitMs));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected a whole number");
        }
    }

    private static void define(Setting setting) {
        SETTINGS.put(setting.name, setting);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "LogConfig" + values;
    }

    /** One setting: its name, default, broker synonym and how a value is checked. */
    private static final class Setting {
        private enum Kind { LONG, INT, CHOICE, LIST, BOOLEAN, FRACTION, LEVEL }

        final String name;
        final String defaultValue;
        final String brokerName;
        final Kind kind;
        final long min;
        final List<String> allowed;
        final CompressionType codec;

        private Setting(String name, String defaultValue, String brokerName, Kind kind, long min, List<String> allowed) {
            this(name, defaultValue, brokerName, kind, min, allowed, null);
        }

        private Setting(String name, String defaultValue, String brokerName, Kind kind, long min, List<String> allowed,
                        CompressionType codec) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.brokerName = brokerName;
            this.kind = kind;
            this.min = min;
            this.allowed = allowed;
            this.codec = codec;
        }

        /** A codec's compression level (KIP-390): the broker property has the topic setting's name. */
        static Setting level(String name, CompressionType codec) {
            return new Setting(name, Integer.toString(codec.defaultLevel()), name, Kind.LEVEL, 0, List.of(), codec);
        }

        static Setting number(String name, long defaultValue, long min, String brokerName) {
            return new Setting(name, Long.toString(defaultValue), brokerName, Kind.LONG, min, List.of());
        }

        Setting asInt() {
            return new Setting(name, defaultValue, brokerName, Kind.INT, min, allowed);
        }

        static Setting choice(String name, String defaultValue, String brokerName, String... allowed) {
            return new Setting(name, defaultValue, brokerName, Kind.CHOICE, 0, List.of(allowed));
        }

        static Setting list(String name, String defaultValue, String brokerName, String... allowed) {
            return new Setting(name, defaultValue, brokerName, Kind.LIST, 0, List.of(allowed));
        }

        static Setting bool(String name, boolean defaultValue, String brokerName) {
            return new Setting(name, Boolean.toString(defaultValue), brokerName, Kind.BOOLEAN, 0, List.of());
        }

        static Setting fraction(String name, String defaultValue, String brokerName) {
            return new Setting(name, defaultValue, brokerName, Kind.FRACTION, 0, List.of());
        }

        void validate(String value) {
            switch (kind) {
                case LONG, INT -> {
                    long parsed;
                    try {
                        parsed = kind == Kind.INT ? Integer.parseInt(value) : Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw invalid(value, kind == Kind.INT ? "a 32-bit whole number" : "a whole number");
                    }
                    if (parsed < min) {
                        throw invalid(value, "at least " + min);
                    }
                }
                case CHOICE -> {
                    if (!allowed.contains(value)) {
                        throw invalid(value, "one of " + allowed);
                    }
                }
                case LIST -> {
                    for (String item : items(value)) {
                        if (!allowed.contains(item)) {
                            throw invalid(value, "a list of " + allowed);
                        }
                    }
                }
                case BOOLEAN -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw invalid(value, "true or false");
                    }
                }
                case LEVEL -> {
                    int level;
                    try {
                        level = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw invalid(value, "a " + codec + " compression level");
                    }
                    if (!codec.isValidLevel(level)) {
                        throw invalid(value, "a " + codec + " compression level Kafka accepts");
                    }
                }
                case FRACTION -> {
                    double parsed;
                    try {
                        parsed = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw invalid(value, "a number between 0 and 1");
                    }
                    if (!(parsed >= 0 && parsed <= 1)) {
                        throw invalid(value, "a number between 0 and 1");
                    }
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }

        /** Whether values are whole numbers, read through {@link #longValue}. */
        boolean isWholeNumber() {
            return kind == Kind.LONG || kind == Kind.INT || kind == Kind.LEVEL;
        }

        /** The items of a list setting's value. */
        static List<String> items(String value) {
            return List.of(value.split("\\s*,\\s*"));
        }

        private IllegalArgumentException invalid(String value, String expected) {
            return new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected " + expected);
        }
    }
}
