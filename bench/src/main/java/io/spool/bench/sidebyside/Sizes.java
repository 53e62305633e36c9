package io.spool.bench.sidebyside;

/** How much each workload moves, and how many times each broker runs it. */
record Sizes(boolean quick, int runs, long produceRecords, long consumeRecords, int fixedRateSeconds,
             int endToEndRecords, int parallelProducers, long smallRecordsEach, int toolTimeoutSeconds) {
    private static final long GIB_OF_1K_RECORDS = 1024 * 1024;

    /** The real benchmark: 3 runs per broker, about 2 GiB per produce run, 4 GiB consumed. */
    static Sizes fullRun() {
        return new Sizes(false, 3, 2 * GIB_OF_1K_RECORDS, 4 * GIB_OF_1K_RECORDS, 60, 10_000, 4, 2_000_000, 1800);
    }

    /** A smoke run of the harness: one run per broker, small sizes; its numbers are not results. */
    static Sizes quickRun() {
        return new Sizes(true, 1, 100_000, GIB_OF_1K_RECORDS / 4, 10, 1_000, 4, 100_000, 300);
    }

    Sizes withRuns(int runs) {
        return new Sizes(quick, runs, produceRecords, consumeRecords, fixedRateSeconds, endToEndRecords,
                parallelProducers, smallRecordsEach, toolTimeoutSeconds);
    }
}
