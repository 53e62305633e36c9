package io.spool.bench.sidebyside;

import java.util.EnumMap;
import java.util.Map;

/** The metrics one run produced. */
final class Measurement {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final Map<Metric, Double> values = new EnumMap<>(Metric.class);

    void put(Metric metric, double value) {
        values.put(metric, value);
    }

    /** Broker CPU over the measured window, absolute and per GiB the tools moved through the broker. */
    void putBrokerCpu(double cpuSeconds, double bytesMoved) {
        put(Metric.BROKER_CPU_SECONDS, cpuSeconds);
        if (bytesMoved > 0) {
            put(Metric.BROKER_CPU_SECONDS_PER_GIB, cpuSeconds / (bytesMoved / GIB));
        }
    }

    Map<Metric, Double> values() {
        return values;
    }
}
