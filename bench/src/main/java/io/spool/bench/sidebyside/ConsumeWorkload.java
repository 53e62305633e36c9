package io.spool.bench.sidebyside;

import java.io.IOException;
import java.util.List;

/**
 * Fills the topic with ProducerPerformance (not measured), then ConsumerPerformance reads it all
 * back while it is still in the page cache. Rates are the tool's fetch.* columns, which leave out
 * the group join; the broker CPU window covers the consumer only.
 */
record ConsumeWorkload(String name, String description, int partitions, long records) implements Workload {
    private static final Payload RECORD = Payload.ofSize(1024);

    @Override
    public Metric headline() {
        return Metric.MIB_PER_SEC;
    }

    @Override
    public void run(WorkloadRun run, Measurement into) throws IOException, InterruptedException {
        ToolRun fill = run.require("ProducerPerformance fill", KafkaTools.PRODUCER_PERFORMANCE,
                run.producerPerfArgs(records, -1, RECORD, List.of("acks=1")));
        WorkloadRun.producerSummary(fill, records);

        double cpuBefore = run.broker().cpuSeconds();
        ToolRun consumer = run.require("ConsumerPerformance", KafkaTools.CONSUMER_PERFORMANCE,
                run.consumerPerfArgs(records));
        double cpu = run.broker().cpuSeconds() - cpuBefore;
        ConsumerSummary summary = WorkloadRun.consumerSummary(consumer, records);
        into.put(Metric.RECORDS_PER_SEC, summary.fetchRecordsPerSec());
        into.put(Metric.MIB_PER_SEC, summary.fetchMibPerSec());
        into.putBrokerCpu(cpu, summary.bytes());
    }
}
