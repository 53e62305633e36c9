package io.spool.bench.sidebyside;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The side-by-side workloads, in the order they run (the fixed-rate one needs an earlier Kafka maximum). */
final class Workloads {
    static final String MAX_RATE_SOURCE = "produce-1k-acks1-p8";

    private Workloads() {
    }

    static List<Workload> standard(Sizes sizes, Path jsonPayload, Results results) {
        Payload kib = Payload.ofSize(1024);
        Payload json = Payload.fromFile(jsonPayload);
        long n = sizes.produceRecords();
        KafkaMaxRate kafkaMax = new KafkaMaxRate(results, MAX_RATE_SOURCE);
        return List.of(
                new ProduceWorkload("produce-1k-acks1-p1",
                        "ProducerPerformance, " + n + " x 1 KiB records, acks=1, 1 partition", 1, kib, n,
                        List.of("acks=1")),
                new ProduceWorkload(MAX_RATE_SOURCE,
                        "ProducerPerformance, " + n + " x 1 KiB records, acks=1, 8 partitions", 8, kib, n,
                        List.of("acks=1")),
                new ProduceWorkload("produce-1k-acksall-idempotent-p8",
                        "ProducerPerformance, " + n + " x 1 KiB records, acks=all, idempotent (client default), "
                                + "8 partitions", 8, kib, n, List.of("acks=all")),
                new ProduceWorkload("produce-json-lz4-p8",
                        "ProducerPerformance, " + n + " JSON records (payload file), compression.type=lz4, acks=1, "
                                + "8 partitions", 8, json, n, List.of("acks=1", "compression.type=lz4")),
                new ProduceWorkload("produce-json-zstd-p8",
                        "ProducerPerformance, " + n + " JSON records (payload file), compression.type=zstd, acks=1, "
                                + "8 partitions", 8, json, n, List.of("acks=1", "compression.type=zstd")),
                new ConsumeWorkload("consume-p8",
                        "ConsumerPerformance over " + gib(sizes.consumeRecords() * 1024) + " of 1 KiB records "
                                + "(8 partitions) just produced, so read from the page cache; fetch-phase rates",
                        8, sizes.consumeRecords()),
                new FixedRateWorkload("fixed-rate-50pct-p8",
                        "ProducerPerformance at 50% of Kafka's records/s in " + MAX_RATE_SOURCE + " for "
                                + sizes.fixedRateSeconds() + " s (1 KiB, acks=1, 8 partitions) with "
                                + "ConsumerPerformance reading alongside; produce latency", 8, kafkaMax, 0.5,
                        sizes.fixedRateSeconds()),
                new EndToEndWorkload("end-to-end-latency",
                        "EndToEndLatency, " + sizes.endToEndRecords() + " x 1 KiB records one at a time, acks=1, "
                                + "1 partition", sizes.endToEndRecords()),
                new ParallelProducersWorkload("small-batches-parallel",
                        sizes.parallelProducers() + " ProducerPerformance processes at once, each "
                                + sizes.smallRecordsEach() + " x 100-byte records, linger.ms=0, acks=1, "
                                + "8 partitions", 8, sizes.parallelProducers(), 100, sizes.smallRecordsEach()));
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
