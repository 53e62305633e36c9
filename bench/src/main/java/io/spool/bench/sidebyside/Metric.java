package io.spool.bench.sidebyside;

/** A measured quantity, in the order the report lists them, and which way is better. */
enum Metric {
    TARGET_RECORDS_PER_SEC("target records/s (a setting, the same for both)", Better.NEITHER),
    RECORDS_PER_SEC("records/s", Better.HIGHER),
    MIB_PER_SEC("MiB/s", Better.HIGHER),
    AVG_LATENCY_MS("avg latency (ms)", Better.LOWER),
    P50_LATENCY_MS("p50 latency (ms)", Better.LOWER),
    P99_LATENCY_MS("p99 latency (ms)", Better.LOWER),
    P999_LATENCY_MS("p99.9 latency (ms)", Better.LOWER),
    BROKER_CPU_SECONDS("broker CPU-seconds", Better.LOWER),
    BROKER_CPU_SECONDS_PER_GIB("broker CPU-seconds per GiB moved", Better.LOWER),
    BROKER_RSS_MIB("broker RSS after the run (MiB)", Better.LOWER),
    STARTUP_MS("start-up to first ApiVersions answer (ms)", Better.LOWER);

    enum Better {
        HIGHER("higher is better"),
        LOWER("lower is better"),
        NEITHER("–");

        final String text;

        Better(String text) {
            this.text = text;
        }
    }

    final String label;
    final Better better;

    Metric(String label, Better better) {
        this.label = label;
        this.better = better;
    }

    String direction() {
        return better.text;
    }
}
