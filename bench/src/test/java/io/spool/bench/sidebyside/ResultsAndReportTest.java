package io.spool.bench.sidebyside;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsAndReportTest {
    private static final Workload PRODUCE = new ProduceWorkload("produce", "Produce things", 1, Payload.ofSize(1024), 10,
            List.of("acks=1"));

    @Test
    void medianOfOddAndEvenCountsAndNothing() {
        assertEquals(2.0, Results.median(new double[] {3, 1, 2}).getAsDouble());
        assertEquals(2.5, Results.median(new double[] {4, 1, 2, 3}).getAsDouble());
        assertTrue(Results.median(new double[0]).isEmpty());
    }

    @Test
    void failedRunsAreLeftOutOfMediansButCountedAndShown() {
        Results results = new Results();
        results.add(RunResult.succeeded("produce", BrokerKind.KAFKA, 1, measured(100, 500)));
        results.add(RunResult.succeeded("produce", BrokerKind.KAFKA, 2, measured(300, 700)));
        results.add(RunResult.succeeded("produce", BrokerKind.SPOOL, 1, measured(250, 400)));
        results.add(RunResult.failed("produce", BrokerKind.SPOOL, 2, measured(1, 450),
                "ProducerPerformance exited with 1: boom (output: /work/spool/bench/target/x/p.out)"));

        assertEquals(200.0, results.median("produce", BrokerKind.KAFKA, Metric.MIB_PER_SEC).getAsDouble());
        assertEquals(250.0, results.median("produce", BrokerKind.SPOOL, Metric.MIB_PER_SEC).getAsDouble());
        // Start-up counts every start, also of runs whose workload then failed.
        assertEquals(425.0, results.medianStartup(BrokerKind.SPOOL).getAsDouble());
        assertEquals(2, results.startups(BrokerKind.SPOOL));

        String report = Report.render(description(), List.of(PRODUCE), results);
        assertTrue(report.contains("| produce | MiB/s | higher is better | 250.0 | 200.0 | 1.25 |"), report);
        assertTrue(report.contains("Runs: Spool 1/2 ok, Kafka 2/2 ok."), report);
        assertTrue(report.contains("**Spool round 2 FAILED**: ProducerPerformance exited with 1: boom "
                + "(output: bench/target/x/p.out)"), report);
        assertTrue(report.contains("This is a `--quick` run"), report);
    }

    @Test
    void aWorkloadThatFailedEverywhereSaysSo() {
        Results results = new Results();
        results.add(RunResult.succeeded("produce", BrokerKind.KAFKA, 1, measured(100, 500)));
        results.add(RunResult.failed("produce", BrokerKind.SPOOL, 1, new Measurement(), "no coordinator"));
        String report = Report.render(description(), List.of(PRODUCE), results);
        assertTrue(report.contains("| produce | MiB/s | higher is better | FAILED | 100.0 | – |"), report);
    }

    @Test
    void fixedRateFailsWithoutAKafkaMaximumToPinTo() {
        Results results = new Results();
        results.add(RunResult.failed("produce", BrokerKind.KAFKA, 1, new Measurement(), "boom"));
        Workload fixed = new FixedRateWorkload("fixed", "Fixed", 8, new KafkaMaxRate(results, "produce"), 0.5, 10);
        WorkloadException e = assertThrows(WorkloadException.class, () -> fixed.run(null, new Measurement()));
        assertTrue(e.getMessage().contains("needs Kafka's max throughput from produce"), e.getMessage());
    }

    private static Measurement measured(double mibPerSec, double startupMs) {
        Measurement m = new Measurement();
        m.put(Metric.MIB_PER_SEC, mibPerSec);
        m.put(Metric.STARTUP_MS, startupMs);
        return m;
    }

    private static RunDescription description() {
        return new RunDescription(Path.of("/work/spool"), Instant.parse("2026-01-02T03:04:05Z"), "bench/run.sh --quick", Sizes.quickRun(),
                new MachineInfo(2, "Test CPU", 24, "6.1", "Test VM"), "0.5", "0.7", "4.3.1", "abc123");
    }

    @Test
    void payloadFileIsDeterministicJsonLines(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        JsonPayloadFile.write(a, 200, 5);
        JsonPayloadFile.write(b, 200, 5);
        List<String> lines = java.nio.file.Files.readAllLines(a);
        assertEquals(lines, java.nio.file.Files.readAllLines(b));
        assertEquals(200, lines.size());
        for (String line : lines) {
            assertTrue(line.startsWith("{\"event_id\":\"") && line.endsWith("}}"), line);
        }
    }
}
