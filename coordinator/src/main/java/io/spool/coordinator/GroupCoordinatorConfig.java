package io.spool.coordinator;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The group coordinator's broker settings, under Kafka's property names and with Kafka's defaults.
 *
 * @param offsetsTopicPartitions {@code offsets.topic.num.partitions}: partitions of __consumer_offsets when it is created
 * @param offsetsTopicReplicationFactor {@code offsets.topic.replication.factor}
 * @param offsetsTopicSegmentBytes {@code offsets.topic.segment.bytes}
 * @param offsetsLoadBufferSize {@code offsets.load.buffer.size}: bytes read at a time when a partition is loaded
 * @param offsetMetadataMaxBytes {@code offset.metadata.max.bytes}: longest metadata string of a committed offset
 * @param offsetsRetentionMs {@code offsets.retention.minutes}, in milliseconds
 * @param offsetsRetentionCheckIntervalMs {@code offsets.retention.check.interval.ms}
 * @param initialRebalanceDelayMs {@code group.initial.rebalance.delay.ms}: how long an empty group waits for more members
 * @param minSessionTimeoutMs {@code group.min.session.timeout.ms}
 * @param maxSessionTimeoutMs {@code group.max.session.timeout.ms}
 * @param maxGroupSize {@code group.max.size}
 */
public record GroupCoordinatorConfig(int offsetsTopicPartitions, short offsetsTopicReplicationFactor,
                                     int offsetsTopicSegmentBytes, int offsetsLoadBufferSize,
                                     int offsetMetadataMaxBytes, long offsetsRetentionMs,
                                     long offsetsRetentionCheckIntervalMs, int initialRebalanceDelayMs,
                                     int minSessionTimeoutMs, int maxSessionTimeoutMs, int maxGroupSize) {

    /**
     * How long a member that joined a rebalance as a new member may take to rejoin after its
     * JoinGroup was answered or abandoned; a fixed five minutes in Kafka too.
     */
    public static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

    public GroupCoordinatorConfig {
        if (minSessionTimeoutMs > maxSessionTimeoutMs) {
            throw new IllegalArgumentException("group.min.session.timeout.ms (" + minSessionTimeoutMs
                    + ") must not exceed group.max.session.timeout.ms (" + maxSessionTimeoutMs + ")");
        }
    }

    public static GroupCoordinatorConfig defaults() {
        return fromProperties(Map.of());
    }

    /** Reads the settings from broker properties; invalid values are refused naming the property. */
    public static GroupCoordinatorConfig fromProperties(Map<String, String> props) {
        return new GroupCoordinatorConfig(
                (int) atLeast(props, "offsets.topic.num.partitions", 50, 1, Integer.MAX_VALUE),
                (short) atLeast(props, "offsets.topic.replication.factor", 3, 1, Short.MAX_VALUE),
                (int) atLeast(props, "offsets.topic.segment.bytes", 100 * 1024 * 1024, 1, Integer.MAX_VALUE),
                (int) atLeast(props, "offsets.load.buffer.size", 5 * 1024 * 1024, 1, Integer.MAX_VALUE),
                (int) atLeast(props, "offset.metadata.max.bytes", 4096, 0, Integer.MAX_VALUE),
                TimeUnit.MINUTES.toMillis(atLeast(props, "offsets.retention.minutes", 7 * 24 * 60, 1, Integer.MAX_VALUE)),
                atLeast(props, "offsets.retention.check.interval.ms", 600_000, 1, Long.MAX_VALUE),
                (int) atLeast(props, "group.initial.rebalance.delay.ms", 3000, 0, Integer.MAX_VALUE),
                (int) atLeast(props, "group.min.session.timeout.ms", 6000, 0, Integer.MAX_VALUE),
                (int) atLeast(props, "group.max.session.timeout.ms", 1_800_000, 0, Integer.MAX_VALUE),
                (int) atLeast(props, "group.max.size", Integer.MAX_VALUE, 1, Integer.MAX_VALUE));
    }

    /** The topic configs __consumer_offsets is created with. */
    public Map<String, String> offsetsTopicConfigs() {
        return Map.of("cleanup.policy", "compact",
                "compression.type", "producer",
                "segment.bytes", Integer.toString(offsetsTopicSegmentBytes));
    }

    private static long atLeast(Map<String, String> props, String name, long defaultValue, long min, long max) {
        String value = props.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": expected a number in ["
                    + min + ", " + max + "]");
        }
        return parsed;
    }
}
