package io.spool.compat;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings of the consumer-group tests: the broker takes short session timeouts and starts a group's first
 * rebalance at once, and the clients heartbeat often, so a rebalance or a dead member's expiry takes a few
 * seconds instead of the defaults' tens. Everything else is Kafka's defaults.
 */
public final class GroupSettings {
    /** A dead member is noticed this long after its last heartbeat. */
    public static final int SESSION_TIMEOUT_MS = 3_000;

    private GroupSettings() {
    }

    /**
     * A broker for group tests: __consumer_offsets with one replica (a single node, as Kafka's own
     * server.properties sets it), no initial rebalance delay, session timeouts from one second.
     */
    public static BrokerExtension broker() {
        return new BrokerExtension()
                .with("offsets.topic.replication.factor", "1")
                .with("group.initial.rebalance.delay.ms", "0")
                .with("group.min.session.timeout.ms", "1000");
    }

    /** Consumer configs for a {@link #SESSION_TIMEOUT_MS} session and heartbeats ten times as often. */
    public static Map<String, Object> fastRebalance() {
        return Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS / 10);
    }

    /** {@code configs} as the strings a command line carries. */
    public static Map<String, String> asStrings(Map<String, Object> configs) {
        return configs.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }
}
