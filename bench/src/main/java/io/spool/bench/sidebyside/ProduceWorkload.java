package io.spool.bench.sidebyside;

import java.io.IOException;
import java.util.List;

/** ProducerPerformance flat out (no throttle): throughput, latency and broker CPU per GiB. */
record ProduceWorkload(String name, String description, int partitions, Payload payload, long records,
                       List<String> producerProperties) implements Workload {
    @Override
    public Metric headline() {
        return Metric.MIB_PER_SEC;
    }

    @Override
    public void run(WorkloadRun run, Measurement into) throws IOException, InterruptedException {
        double cpuBefore = run.broker().cpuSeconds();
        ToolRun producer = run.require("ProducerPerformance", KafkaTools.PRODUCER_PERFORMANCE,
                run.producerPerfArgs(records, -1, payload, producerProperties));
        double cpu = run.broker().cpuSeconds() - cpuBefore;
        ProducerSummary summary = WorkloadRun.producerSummary(producer, records);
        into.put(Metric.RECORDS_PER_SEC, summary.recordsPerSec());
        into.put(Metric.MIB_PER_SEC, summary.mibPerSec());
        into.put(Metric.AVG_LATENCY_MS, summary.avgLatencyMs());
        into.put(Metric.P99_LATENCY_MS, summary.p99Ms());
        into.putBrokerCpu(cpu, summary.bytes());
    }
}
