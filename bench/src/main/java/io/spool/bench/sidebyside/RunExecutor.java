package io.spool.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * One run: a fresh broker in a fresh directory, the topic, the workload, RSS, then the broker
 * stopped and its data deleted (logs and tool output stay). Whatever goes wrong becomes a failed
 * run with the reason, never an exception that ends the benchmark.
 */
final class RunExecutor {
    static final String TOPIC = "bench";
    private static final int BROKER_START_TIMEOUT_SECONDS = 180;

    private final Path runsDir;
    private final KafkaTools tools;
    private final ProcStats stats;
    private final LongSupplier nanoTime;

    RunExecutor(Path runsDir, KafkaTools tools, ProcStats stats, LongSupplier nanoTime) {
        this.runsDir = runsDir;
        this.tools = tools;
        this.stats = stats;
        this.nanoTime = nanoTime;
    }

    RunResult run(Workload workload, BrokerLauncher launcher, int round) throws InterruptedException {
        BrokerKind kind = launcher.kind();
        Path dir = runsDir.resolve(workload.name()).resolve(round + "-" + kind.name().toLowerCase());
        Measurement measurement = new Measurement();
        BrokerProcess broker = null;
        try {
            Files.createDirectories(dir);
            PreparedBroker prepared = launcher.prepare(dir);
            broker = BrokerProcess.start(prepared, dir.resolve("broker.log"), stats, nanoTime,
                    BROKER_START_TIMEOUT_SECONDS);
            measurement.put(Metric.STARTUP_MS, broker.startupMillis());
            tools.createTopic(broker, TOPIC, workload.partitions(), dir.resolve("TopicCommand.out"));
            workload.run(new WorkloadRun(broker, tools, TOPIC, dir), measurement);
            if (!broker.isAlive()) {
                throw new WorkloadException("the broker process exited during the run");
            }
            measurement.put(Metric.BROKER_RSS_MIB, broker.rssMib());
            return RunResult.succeeded(workload.name(), kind, round, measurement);
        } catch (WorkloadException e) {
            String message = e.getMessage();
            if (broker != null && !broker.isAlive()) {
                message += "; " + broker.exitDescription();
            }
            return RunResult.failed(workload.name(), kind, round, measurement, message);
        } catch (IOException | RuntimeException e) {
            return RunResult.failed(workload.name(), kind, round, measurement, "harness error: " + e);
        } finally {
            if (broker != null) {
                broker.stop();
            }
            deleteData(dir);
        }
    }

    private static void deleteData(Path dir) {
        try {
            Directories.deleteRecursively(dir.resolve("data"));
        } catch (IOException e) {
            System.err.println("could not delete " + dir.resolve("data") + ": " + e);
        }
    }
}
