package io.spool.compat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A group member in another JVM (running {@link ForkedConsumerMain} on the test's own class path, so the same
 * kafka-clients release), which a test can kill -9: the broker then only learns of its death when its session
 * times out. Reads the member's reports back from its stdout.
 */
public final class ForkedConsumer implements AutoCloseable {
    private final ForkedProcess process;

    private ForkedConsumer(ForkedProcess process) {
        this.process = process;
    }

    /**
     * Starts a member of {@code group} subscribed to {@code topic}; with auto-commit off and {@code parkAfter}
     * non-negative it parks after committing at least that many records. {@code config}: consumer configs.
     */
    public static ForkedConsumer start(String bootstrap, String group, String topic, int parkAfter,
                                       Map<String, String> config) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                ForkedConsumerMain.class.getName(),
                bootstrap, group, topic, Integer.toString(parkAfter)));
        config.forEach((k, v) -> command.add(k + "=" + v));
        return new ForkedConsumer(ForkedProcess.start(command));
    }

    /** The partitions the member last reported owning. */
    public Set<Integer> owned() {
        String owned = "";
        for (String line : lines()) {
            if (line.startsWith("owned ")) {
                owned = line.substring("owned ".length());
            }
        }
        return owned.isEmpty() ? Set.of()
                : Arrays.stream(owned.split(",")).map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The records the member reported processing, in order. */
    public List<RecordPosition> processed() {
        List<RecordPosition> records = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("record ")) {
                String[] fields = line.split(" ");
                records.add(new RecordPosition(Integer.parseInt(fields[1]), Long.parseLong(fields[2])));
            }
        }
        return records;
    }

    /** Whether the member has stopped polling after a successful commit. */
    public boolean parked() {
        return lines().contains("parked");
    }

    /** Fails, with the member's output, if its JVM has exited (it never does by itself). */
    public void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the forked consumer exited" + process.describeOutput());
        }
    }

    /** SIGKILL: no LeaveGroup, no commit, no closed session; only the broker's session timeout notices. */
    public void kill9() {
        process.kill9();
    }

    @Override
    public void close() {
        process.close();
    }

    /** Complete lines only: a line still being written when the file is read is left for the next read. */
    private List<String> lines() {
        String out = process.stdout();
        int end = out.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(out.substring(0, end).split("\n"));
    }
}
