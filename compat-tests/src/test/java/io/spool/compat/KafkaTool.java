package io.spool.compat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Apache Kafka's command-line tools, each run in its own JVM on the tools' own class path (the kafka-tools
 * release and its dependency tree, copied by the build), never on the test's kafka-clients.
 */
public enum KafkaTool {
    CONSUMER_GROUPS("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
    CONSOLE_CONSUMER("org.apache.kafka.tools.consumer.ConsoleConsumer"),
    CONSUMER_PERFORMANCE("org.apache.kafka.tools.ConsumerPerformance");

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String mainClass;

    KafkaTool(String mainClass) {
        this.mainClass = mainClass;
    }

    /** Runs the tool to its end and fails unless it exits 0. */
    public ForkedProcess.Result run(String... args) {
        return ForkedProcess.run(command(args), "", TIMEOUT).assertSuccess();
    }

    /** Starts the tool in the background, e.g. a console consumer that runs until stopped. */
    public ForkedProcess start(String... args) {
        return ForkedProcess.start(command(args));
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static String classpath() {
        String dir = System.getProperty("spool.compat.kafka.tools.dir");
        if (dir == null || dir.isBlank()) {
            throw new AssertionError("system property spool.compat.kafka.tools.dir is not set; run through failsafe");
        }
        if (!Files.isDirectory(Path.of(dir))) {
            throw new AssertionError("Kafka's tools are not copied to " + dir + "; the build's pre-integration-test "
                    + "phase does it, e.g. mvn -pl compat-tests -am verify");
        }
        return Path.of(dir, "*").toString();
    }
}
