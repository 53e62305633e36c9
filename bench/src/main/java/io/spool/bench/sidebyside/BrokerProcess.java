package io.spool.bench.sidebyside;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/** A running broker process: where clients reach it, how long it took to answer, its CPU and memory. */
final class BrokerProcess {
    private static final int PROBE_INTERVAL_MILLIS = 10;
    private static final int STOP_GRACE_SECONDS = 60;

    private final Process process;
    private final InetSocketAddress address;
    private final double startupMillis;
    private final ProcStats stats;
    private final Path log;

    private BrokerProcess(Process process, InetSocketAddress address, double startupMillis, ProcStats stats, Path log) {
        this.process = process;
        this.log = log;
        this.address = address;
        this.startupMillis = startupMillis;
        this.stats = stats;
    }

    /**
     * Starts the broker (output to {@code log}) and polls it with ApiVersions until it answers: the
     * time from process start to that first answer is the start-up time.
     */
    static BrokerProcess start(PreparedBroker prepared, Path log, ProcStats stats, LongSupplier nanoTime,
                               int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = prepared.command()
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        ApiVersionsProbe probe = new ApiVersionsProbe(1000);
        long start = nanoTime.getAsLong();
        Process process = ChildProcesses.start(builder);
        long deadline = start + timeoutSeconds * 1_000_000_000L;
        while (!probe.answers(prepared.address())) {
            if (!process.isAlive()) {
                ChildProcesses.stop(process, 1);
                throw new WorkloadException("broker exited with " + process.exitValue() + " during start-up: "
                        + lastLines(log) + " (log: " + log + ")");
            }
            if (nanoTime.getAsLong() > deadline) {
                ChildProcesses.stop(process, STOP_GRACE_SECONDS);
                throw new WorkloadException("broker did not answer ApiVersions within " + timeoutSeconds + " s (log: "
                        + log + ")");
            }
            Thread.sleep(PROBE_INTERVAL_MILLIS);
        }
        double startupMillis = (nanoTime.getAsLong() - start) / 1e6;
        return new BrokerProcess(process, prepared.address(), startupMillis, stats, log);
    }

    String bootstrap() {
        return address.getHostString() + ":" + address.getPort();
    }

    double startupMillis() {
        return startupMillis;
    }

    double cpuSeconds() throws IOException {
        return stats.cpuSeconds(process.pid());
    }

    double rssMib() throws IOException {
        return stats.rssKib(process.pid()) / 1024.0;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** How the broker ended, for a run it did not survive: its exit code and last log lines. */
    String exitDescription() {
        int code = process.exitValue();
        // The benchmark stops brokers only after a run; a signal here came from outside (or the OOM killer).
        String signal = code > 128 ? " (signal " + (code - 128) + ", not sent by the benchmark)" : "";
        return "the broker exited with " + code + signal + ", its log ends: " + lastLines(log) + " (log: " + log + ")";
    }

    /** SIGTERM (each broker's clean shutdown), then a kill if it takes longer than a minute. */
    void stop() throws InterruptedException {
        ChildProcesses.stop(process, STOP_GRACE_SECONDS);
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
