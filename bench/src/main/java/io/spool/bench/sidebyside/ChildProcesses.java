package io.spool.bench.sidebyside;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the benchmark starts (brokers and tools), so that none outlives it: each is
 * stopped when its run ends, and a shutdown hook kills whatever is left if the runner is
 * interrupted.
 */
final class ChildProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcesses::kill), "kill-children"));
    }

    private ChildProcesses() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        LIVE.add(process);
        return process;
    }

    /** Asks the process to stop (SIGTERM), waits up to {@code graceSeconds}, then kills it and anything it started. */
    static void stop(Process process, int graceSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            kill(process);
            process.waitFor(graceSeconds, TimeUnit.SECONDS);
        }
        LIVE.remove(process);
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
