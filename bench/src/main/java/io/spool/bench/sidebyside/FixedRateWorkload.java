package io.spool.bench.sidebyside;

import java.io.IOException;
import java.util.List;

/**
 * ProducerPerformance throttled to a fraction of Kafka's measured maximum, with ConsumerPerformance
 * reading the same topic at the same time: produce latency percentiles under a steady load both
 * brokers can sustain. Both brokers get the same rate.
 */
record FixedRateWorkload(String name, String description, int partitions, KafkaMaxRate kafkaMax, double fraction,
                         int seconds) implements Workload {
    private static final Payload RECORD = Payload.ofSize(1024);

    @Override
    public Metric headline() {
        return Metric.P99_LATENCY_MS;
    }

    @Override
    public void run(WorkloadRun run, Measurement into) throws IOException, InterruptedException {
        double max = kafkaMax.recordsPerSec().orElseThrow(() -> new WorkloadException(
                "needs Kafka's max throughput from " + kafkaMax.source() + ", which has no successful Kafka run"));
        long rate = Math.max(1, Math.round(max * fraction));
        long records = rate * seconds;

        double cpuBefore = run.broker().cpuSeconds();
        KafkaTools.Started consumer = run.start("ConsumerPerformance", KafkaTools.CONSUMER_PERFORMANCE,
                run.consumerPerfArgs(records));
        ToolRun producer = run.await(run.start("ProducerPerformance", KafkaTools.PRODUCER_PERFORMANCE,
                run.producerPerfArgs(records, rate, RECORD, List.of("acks=1"))));
        ToolRun consumed = run.await(consumer); // both awaited before either is judged: nothing is left running
        double cpu = run.broker().cpuSeconds() - cpuBefore;

        into.put(Metric.TARGET_RECORDS_PER_SEC, rate);
        ProducerSummary produced = WorkloadRun.producerSummary(WorkloadRun.require(producer), records);
        ConsumerSummary read = WorkloadRun.consumerSummary(WorkloadRun.require(consumed), records);
        into.put(Metric.RECORDS_PER_SEC, produced.recordsPerSec());
        into.put(Metric.AVG_LATENCY_MS, produced.avgLatencyMs());
        into.put(Metric.P50_LATENCY_MS, produced.p50Ms());
        into.put(Metric.P99_LATENCY_MS, produced.p99Ms());
        into.put(Metric.P999_LATENCY_MS, produced.p999Ms());
        into.putBrokerCpu(cpu, produced.bytes() + read.bytes());
    }
}
