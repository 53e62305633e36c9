package io.spool.bench.sidebyside;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What both brokers get identically: JVM flags and broker properties (Kafka's names). */
final class BrokerSettings {
    /** Heap fixed at 1 GiB; the rest are the JVM flags Kafka's own start scripts use. */
    static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true");

    private BrokerSettings() {
    }

    /**
     * Broker properties set on both. The flush interval is Kafka's default, written out to make the
     * point: neither broker fsyncs per message; both leave flushing to the OS.
     */
    static Map<String, String> common() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("log.segment.bytes", "1073741824");
        p.put("log.retention.hours", "168");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        p.put("socket.send.buffer.bytes", "102400");
        p.put("socket.receive.buffer.bytes", "102400");
        p.put("socket.request.max.bytes", "104857600");
        p.put("offsets.topic.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }
}
