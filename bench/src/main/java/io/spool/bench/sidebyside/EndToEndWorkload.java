package io.spool.bench.sidebyside;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** EndToEndLatency: one 1 KiB record at a time, produced (acks=1) and polled back, on one partition. */
record EndToEndWorkload(String name, String description, int records) implements Workload {
    private static final int RECORD_SIZE = 1024;

    @Override
    public int partitions() {
        return 1;
    }

    @Override
    public Metric headline() {
        return Metric.AVG_LATENCY_MS;
    }

    @Override
    public void run(WorkloadRun run, Measurement into) throws IOException, InterruptedException {
        double cpuBefore = run.broker().cpuSeconds();
        ToolRun tool = run.await(run.start("EndToEndLatency", KafkaTools.END_TO_END_LATENCY, List.of(
                "--bootstrap-server", run.broker().bootstrap(), "--topic", run.topic(),
                "--num-records", Integer.toString(records), "--producer-acks", "1",
                "--record-size", Integer.toString(RECORD_SIZE))));
        double cpu = run.broker().cpuSeconds() - cpuBefore;
        Optional<EndToEndSummary> printed = EndToEndSummary.find(tool.lines());
        if (tool.failure() != null) {
            // The tool can print its result and then fail on close; say so, but a failed run stays failed.
            throw new WorkloadException(tool.failure() + printed.map(s -> String.format(Locale.ROOT,
                    "; before failing it printed avg %.2f ms, p50 %.0f, p99 %.0f, p99.9 %.0f ms", s.avgMs(), s.p50Ms(),
                    s.p99Ms(), s.p999Ms())).orElse(""));
        }
        EndToEndSummary summary = printed.orElseThrow(() -> new WorkloadException(
                "EndToEndLatency printed no result: " + tool.errorLine() + " (output: " + tool.output() + ")"));
        into.put(Metric.AVG_LATENCY_MS, summary.avgMs());
        into.put(Metric.P50_LATENCY_MS, summary.p50Ms());
        into.put(Metric.P99_LATENCY_MS, summary.p99Ms());
        into.put(Metric.P999_LATENCY_MS, summary.p999Ms());
        into.putBrokerCpu(cpu, 2.0 * records * RECORD_SIZE); // each record goes in and comes out once
    }
}
