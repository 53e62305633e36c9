package io.spool.bench.sidebyside;

import java.io.IOException;

/** One thing the benchmark measures, run the same way against each broker. */
interface Workload {
    /** Short id used in the report and in run directories. */
    String name();

    /** What it does, in a line. */
    String description();

    /** Partitions of the topic created before the run. */
    int partitions();

    /** The metric the summary table shows for this workload. */
    Metric headline();

    /**
     * Drives the started broker and puts the metrics into {@code into}.
     *
     * @throws WorkloadException when a tool fails or its result is short; the run counts as failed
     */
    void run(WorkloadRun run, Measurement into) throws IOException, InterruptedException;
}
