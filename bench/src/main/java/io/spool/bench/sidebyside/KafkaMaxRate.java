package io.spool.bench.sidebyside;

import java.util.OptionalDouble;

/** Kafka's measured maximum records/s in an earlier workload of this run, which a fixed-rate workload is pinned to. */
record KafkaMaxRate(Results results, String source) {
    /** The median over Kafka's successful runs of {@link #source()}; empty if it has none (yet). */
    OptionalDouble recordsPerSec() {
        return results.median(source, BrokerKind.KAFKA, Metric.RECORDS_PER_SEC);
    }
}
