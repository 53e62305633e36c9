package io.spool.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A client program running as its own process (a Kafka tool, kcat, a consumer in another JVM) whose stdout and
 * stderr go to temporary files the test reads while it runs. Every such process is killed when the test JVM
 * exits, whatever happened to the test.
 */
public final class ForkedProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final List<String> command;
    private final Process process;
    private final Path stdin;
    private final Path stdout;
    private final Path stderr;

    private ForkedProcess(List<String> command, Process process, Path stdin, Path stdout, Path stderr) {
        this.command = command;
        this.process = process;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code command} with an empty stdin. */
    public static ForkedProcess start(List<String> command) {
        return start(command, "");
    }

    /** Starts {@code command} reading {@code input} from its stdin. */
    public static ForkedProcess start(List<String> command, String input) {
        try {
            Path in = Files.createTempFile("spool-compat-", ".in");
            Files.writeString(in, input, StandardCharsets.UTF_8);
            Path out = Files.createTempFile("spool-compat-", ".out");
            Path err = Files.createTempFile("spool-compat-", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            LIVE.add(process);
            return new ForkedProcess(List.copyOf(command), process, in, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs {@code command} on {@code input} to its end; fails if it outlives {@code timeout}. */
    public static Result run(List<String> command, String input, Duration timeout) {
        try (ForkedProcess p = start(command, input)) {
            int exit = p.awaitExit(timeout);
            return new Result(command, exit, p.stdout(), p.stderr());
        }
    }

    /** A finished process: its exit code and everything it printed. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** Fails unless the process exited 0. */
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(command + " exited with " + exitCode + "\nstdout:\n" + stdout
                        + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    /** Everything the process has printed on stdout so far. */
    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            process.destroyForcibly();
            waitFor(STOP_TIMEOUT);
            throw new AssertionError(command + " did not finish within " + timeout + describeOutput());
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to say goodbye to anyone. */
    public void kill9() {
        process.destroyForcibly();
        if (!waitFor(STOP_TIMEOUT)) {
            throw new AssertionError(command + " survived SIGKILL for " + STOP_TIMEOUT);
        }
        LIVE.remove(process);
    }

    /** SIGTERM, then waits for the process to exit; a process ignoring it is killed and the test fails. */
    public void stop() {
        process.destroy();
        if (!waitFor(STOP_TIMEOUT)) {
            kill9();
            throw new AssertionError(command + " did not exit within " + STOP_TIMEOUT + " of SIGTERM" + describeOutput());
        }
        LIVE.remove(process);
    }

    /** The command line and what the process printed, for failure messages. */
    public String describeOutput() {
        return "\n---- " + command + " stdout ----\n" + stdout() + "\n---- stderr ----\n" + stderr() + "\n---- end ----";
    }

    /** Kills the process if it still runs and deletes its output files. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
        LIVE.remove(process);
        try {
            Files.deleteIfExists(stdin);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + command, e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
