package io.spool.bench.sidebyside;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several ProducerPerformance processes at once, each sending small records with linger.ms=0: many
 * small batches and requests, the per-request cost of a broker. Throughput is the sum of the
 * producers' own rates (they run concurrently); latency is their mean average latency.
 */
record ParallelProducersWorkload(String name, String description, int partitions, int producers, int recordSize,
                                 long recordsEach) implements Workload {
    @Override
    public Metric headline() {
        return Metric.RECORDS_PER_SEC;
    }

    @Override
    public void run(WorkloadRun run, Measurement into) throws IOException, InterruptedException {
        List<String> args = run.producerPerfArgs(recordsEach, -1, Payload.ofSize(recordSize),
                List.of("acks=1", "linger.ms=0"));
        double cpuBefore = run.broker().cpuSeconds();
        List<KafkaTools.Started> started = new ArrayList<>();
        for (int i = 1; i <= producers; i++) {
            started.add(run.start("ProducerPerformance-" + i, KafkaTools.PRODUCER_PERFORMANCE, args));
        }
        List<ToolRun> finished = new ArrayList<>();
        for (KafkaTools.Started producer : started) {
            finished.add(run.await(producer));
        }
        double cpu = run.broker().cpuSeconds() - cpuBefore;

        double recordsPerSec = 0;
        double mibPerSec = 0;
        double latencySum = 0;
        double bytes = 0;
        for (ToolRun producer : finished) {
            ProducerSummary summary = WorkloadRun.producerSummary(WorkloadRun.require(producer), recordsEach);
            recordsPerSec += summary.recordsPerSec();
            mibPerSec += summary.mibPerSec();
            latencySum += summary.avgLatencyMs();
            bytes += summary.bytes();
        }
        into.put(Metric.RECORDS_PER_SEC, recordsPerSec);
        into.put(Metric.MIB_PER_SEC, mibPerSec);
        into.put(Metric.AVG_LATENCY_MS, latencySum / producers);
        into.putBrokerCpu(cpu, bytes);
    }
}
