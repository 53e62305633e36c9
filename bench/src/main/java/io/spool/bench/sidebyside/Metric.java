package io.spool.bench.sidebyside;

/** A measured quantity, in the order the report lists them, and which way is better. */
enum Metric {
    RECORDS_PER_SEC("records/s", true),
    MIB_PER_SEC("MiB/s", true),
    AVG_LATENCY_MS("avg latency (ms)", false),
    P50_LATENCY_MS("p50 latency (ms)", false),
    P99_LATENCY_MS("p99 latency (ms)", false),
    P999_LATENCY_MS("p99.9 latency (ms)", false),
    BROKER_CPU_SECONDS("broker CPU-seconds", false),
    BROKER_CPU_SECONDS_PER_GIB("broker CPU-seconds per GiB moved", false),
    BROKER_RSS_MIB("broker RSS after the run (MiB)", false),
    STARTUP_MS("start-up to first ApiVersions answer (ms)", false);

    final String label;
    final boolean higherIsBetter;

    Metric(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    String direction() {
        return higherIsBetter ? "higher is better" : "lower is better";
    }
}
