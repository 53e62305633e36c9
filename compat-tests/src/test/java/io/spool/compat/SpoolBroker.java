package io.spool.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spool broker running as its own process, started from the packaged jar the way a user starts it: a
 * properties file with Kafka's names, an ephemeral port, a temporary data directory. Its stdout and stderr
 * go to a file under {@code target/} for diagnosis. Every process it starts is killed when the test JVM
 * exits, whatever happened to the test.
 */
public final class SpoolBroker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpoolBroker.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final BrokerLaunch launch;
    private final Path workDir;
    private final Path dataDir;
    private final Path configFile;
    private final Path outputFile;
    private Process process;
    private StartupLine address;
    private boolean paused;

    private SpoolBroker(BrokerLaunch launch, Path workDir, Path outputFile) {
        this.launch = launch;
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.configFile = workDir.resolve("server.properties");
        this.outputFile = outputFile;
    }

    /**
     * Starts a broker named {@code name} (its output goes to {@code <name>.log}) with {@code config} added to
     * the harness's own settings: an ephemeral loopback port and a fresh temporary {@code log.dirs}.
     */
    public static SpoolBroker start(String name, Map<String, String> config) {
        return start(BrokerLaunch.packaged(), name, config);
    }

    /** As {@link #start(String, Map)}, with the process described by {@code launch}. */
    public static SpoolBroker start(BrokerLaunch launch, String name, Map<String, String> config) {
        Path outputFile = launch.outputDir().resolve(name + ".log");
        SpoolBroker broker;
        try {
            Files.createDirectories(outputFile.getParent());
            Files.deleteIfExists(outputFile);
            broker = new SpoolBroker(launch, Files.createTempDirectory("spool-compat-" + name + "-"), outputFile);
            broker.writeConfig(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            broker.startProcess("PLAINTEXT://127.0.0.1:0");
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return started().bootstrapServers();
    }

    public int port() {
        return started().port();
    }

    public String host() {
        return started().host();
    }

    public int nodeId() {
        return started().nodeId();
    }

    /** The directory given to the broker as {@code log.dirs}. */
    public Path dataDir() {
        return dataDir;
    }

    /** How many segment files ({@code *.log}) the partition's directory holds in Kafka's on-disk layout. */
    public long segmentFiles(String topic, int partition) {
        try (Stream<Path> files = Files.list(dataDir.resolve(topic + "-" + partition))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clean shutdown: SIGTERM, then waits for the process to exit. */
    public void stop() {
        Process p = running();
        if (paused) {
            resume();
        }
        p.destroy();
        if (!waitFor(p, STOP_TIMEOUT)) {
            p.destroyForcibly();
            waitFor(p, STOP_TIMEOUT);
            throw new AssertionError("broker did not exit within " + STOP_TIMEOUT + " of SIGTERM" + outputTail());
        }
        LIVE.remove(p);
        LOG.log(Level.INFO, "broker {0} stopped cleanly, exit code {1}", address, p.exitValue());
    }

    /** Crash: SIGKILL, nothing gets a chance to flush or close. */
    public void kill9() {
        Process p = running();
        p.destroyForcibly();
        waitFor(p, STOP_TIMEOUT);
        LIVE.remove(p);
        paused = false;
        LOG.log(Level.INFO, "broker {0} killed with SIGKILL", address);
    }

    /** SIGSTOP: the process freezes with its sockets open, as a broker in a long GC pause or on a hung host. */
    public void pause() {
        signal(running(), "STOP");
        paused = true;
        LOG.log(Level.INFO, "broker {0} paused with SIGSTOP", address);
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal(running(), "CONT");
        paused = false;
        LOG.log(Level.INFO, "broker {0} resumed with SIGCONT", address);
    }

    public boolean isPaused() {
        return paused;
    }

    /** True while the process runs (paused or not). */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the stopped or killed broker again on the same port and data directory. The port was free a
     * moment ago; if another socket grabbed it meanwhile, the start is retried until the timeout.
     */
    public void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker is still running; stop() or kill9() it first");
        }
        String listener = "PLAINTEXT://" + address.host() + ":" + address.port();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                startProcess(listener);
                return;
            } catch (PortTakenException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("port " + address.port() + " stayed taken for " + START_TIMEOUT, e);
                }
            }
        }
    }

    /** Everything the broker process printed since it was first started. */
    public String output() {
        return readOutput(0);
    }

    /** Fails if paranoid leak detection reported a leaked buffer in the broker. */
    public void assertNoLeaks() {
        String output = output();
        if (output.contains("LEAK:")) {
            throw new AssertionError("broker reported a Netty buffer leak, see " + outputFile);
        }
    }

    /** Ends the process if it still runs (SIGTERM, then SIGKILL if it lingers) and deletes the data directory. */
    @Override
    public void close() {
        if (paused && process.isAlive()) {
            resume();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, STOP_TIMEOUT)) {
                process.destroyForcibly();
                waitFor(process, STOP_TIMEOUT);
            }
        }
        if (process != null) {
            LIVE.remove(process);
        }
        TempDirs.deleteRecursively(workDir);
    }

    private void writeConfig(Map<String, String> config) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listeners", "PLAINTEXT://127.0.0.1:0");
        all.put("log.dirs", dataDir.toString());
        all.putAll(config);
        StringBuilder text = new StringBuilder("# written by the compat-tests harness\n");
        all.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
        Files.writeString(configFile, text.toString());
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    private void startProcess(String listener) {
        long outputStart = appendHarnessNote("starting broker, listeners=" + listener);
        List<String> command = command(listener);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        LIVE.add(process);
        Process p = process;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String output = readOutput(outputStart);
            Optional<StartupLine> line = StartupLine.find(output);
            if (line.isPresent()) {
                address = line.get();
                LOG.log(Level.INFO, "broker started: {0} (output in {1})", address, outputFile);
                return;
            }
            if (!p.isAlive()) {
                LIVE.remove(p);
                if (output.contains("Address already in use")) {
                    throw new PortTakenException(output);
                }
                throw new AssertionError("broker exited with code " + p.exitValue()
                        + " before printing its startup line; command " + command + outputTail());
            }
            if (System.nanoTime() - deadline > 0) {
                p.destroyForcibly();
                throw new AssertionError("broker printed no startup line within " + START_TIMEOUT + outputTail());
            }
            waitFor(p, Duration.ofMillis(50));
        }
    }

    /**
     * Every buffer is tracked for leaks (paranoid); a leak report shows where the buffer was allocated, retained
     * and released, but not every read of it: a stack trace per read made the validation of a million small
     * records take twenty seconds instead of one.
     */
    private List<String> command(String listener) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dio.netty.leakDetection.level=paranoid",
                "-Dio.netty.leakDetection.acquireAndReleaseOnly=true",
                "-cp", launch.classpath(),
                launch.mainClass(),
                configFile.toString(),
                "--override", "listeners=" + listener);
    }

    private StartupLine started() {
        if (address == null) {
            throw new IllegalStateException("broker has not started");
        }
        return address;
    }

    private Process running() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("broker is not running" + outputTail());
        }
        return process;
    }

    /** Writes a marker between runs (no broker is writing then) and returns where the next run's output starts. */
    private long appendHarnessNote(String note) {
        try {
            Files.writeString(outputFile, "---- harness: " + note + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return Files.size(outputFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readOutput(long from) {
        try {
            byte[] all = Files.readAllBytes(outputFile);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String outputTail() {
        String output = output();
        int keep = 8_000;
        String tail = output.length() > keep ? "..." + output.substring(output.length() - keep) : output;
        return "\n---- broker output (" + outputFile + ") ----\n" + tail + "\n---- end of broker output ----";
    }

    private static void signal(Process p, String signal) {
        List<String> command = List.of("kill", "-" + signal, Long.toString(p.pid()));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!waitFor(kill, STOP_TIMEOUT) || kill.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + new String(kill.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the broker process", e);
        }
    }

    /** The broker exited because its listener port was already bound by someone else. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String output) {
            super("listener port taken:\n" + output);
        }
    }
}
