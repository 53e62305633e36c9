package io.spool.bench.sidebyside;

import java.util.OptionalDouble;

/** Kafka's measured maximum records/s in an earlier workload of this run, which a fixed-rate workload is pinned to. */
interface KafkaMaxRate {
    OptionalDouble recordsPerSec();

    /** Which workload the rate comes from, for the report and for the error when it is missing. */
    String source();
}
