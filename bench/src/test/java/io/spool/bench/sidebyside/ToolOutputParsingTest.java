package io.spool.bench.sidebyside;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka tools' result lines, as Kafka 4.3 prints them. */
class ToolOutputParsingTest {
    @Test
    void producerSummaryIsTheLastFullSummaryLine() {
        List<String> lines = List.of(
                "77640 records sent, 15528.0 records/sec (15.16 MB/sec), 2706.5 ms avg latency, 5195.0 ms max latency.",
                "200000 records sent, 8367.150567 records/sec (8.17 MB/sec), 3105.07 ms avg latency, 6164.00 ms max "
                        + "latency, 3021 ms 50th, 5598 ms 95th, 5999 ms 99th, 6134 ms 99.9th.");
        ProducerSummary s = ProducerSummary.find(lines).orElseThrow();
        assertEquals(200_000, s.records());
        assertEquals(8367.150567, s.recordsPerSec());
        assertEquals(8.17, s.mibPerSec());
        assertEquals(3105.07, s.avgLatencyMs());
        assertEquals(3021, s.p50Ms());
        assertEquals(5999, s.p99Ms());
        assertEquals(6134, s.p999Ms());
        // 8.17 MiB/s over 8367 records/s is about 1 KiB per record.
        assertEquals(200_000 * 1024.0, s.bytes(), 200_000 * 1024.0 * 0.01);
    }

    @Test
    void progressLinesAloneAreNoSummary() {
        assertTrue(ProducerSummary.find(List.of(
                "77640 records sent, 15528.0 records/sec (15.16 MB/sec), 2706.5 ms avg latency, 5195.0 ms max latency."))
                .isEmpty());
    }

    @Test
    void consumerSummaryIsTheCsvLineAfterTheHeader() {
        ConsumerSummary s = ConsumerSummary.find(List.of(
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
                        + "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "2026-11-22 02:02:07:922, 2026-11-22 02:02:18:488, 195.3125, 18.4850, 200000, 18928.6390, 5203, 5363, "
                        + "36.4185, 37292.5601")).orElseThrow();
        assertEquals(195.3125, s.mib());
        assertEquals(200_000, s.records());
        assertEquals(5203, s.rebalanceMs());
        assertEquals(36.4185, s.fetchMibPerSec());
        assertEquals(37292.5601, s.fetchRecordsPerSec());
        assertEquals(195.3125 * 1024 * 1024, s.bytes());
    }

    @Test
    void consumerWithoutResultLine() {
        assertTrue(ConsumerSummary.find(List.of(
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
                        + "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support FIND_COORDINATOR"))
                .isEmpty());
    }

    @Test
    void endToEndAverageAndPercentiles() {
        EndToEndSummary s = EndToEndSummary.find(List.of("0\t241.714429", "1000\t8.298646000000002",
                "Avg latency: 8.0791 ms", "Percentiles: 50th = 5, 99th = 51, 99.9th = 146")).orElseThrow();
        assertEquals(8.0791, s.avgMs());
        assertEquals(5, s.p50Ms());
        assertEquals(51, s.p99Ms());
        assertEquals(146, s.p999Ms());
        assertTrue(EndToEndSummary.find(List.of("Avg latency: 8.0791 ms")).isEmpty());
    }

    @Test
    void toolFailureNamesTheExceptionNotAStackFrame() {
        ToolRun run = new ToolRun("ConsumerPerformance", 1, null, List.of(
                "The node does not support FIND_COORDINATOR",
                "org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support FIND_COORDINATOR",
                "\tat org.apache.kafka.clients.consumer.internals.ExceptionHandler.run(X.java:1)",
                ""), Path.of("c.out"));
        assertEquals("org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support "
                + "FIND_COORDINATOR", run.errorLine());
        assertTrue(run.failure().startsWith("ConsumerPerformance exited with 1: org.apache"));
        assertNull(new ToolRun("x", 0, null, List.of(), Path.of("x.out")).failure());
        assertTrue(new ToolRun("x", -1, "timed out after 60 s", List.of(), Path.of("x.out")).failure()
                .startsWith("x was stopped: timed out after 60 s"));
    }
}
