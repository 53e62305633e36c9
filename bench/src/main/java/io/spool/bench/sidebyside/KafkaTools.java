package io.spool.bench.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs Apache Kafka's command-line tools (org.apache.kafka.tools.*, kafka.tools.StorageTool) from
 * the Kafka lib directory, one JVM per tool as Kafka's bin/ scripts do, each bounded by a timeout.
 */
final class KafkaTools {
    static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";
    static final String CONSUMER_PERFORMANCE = "org.apache.kafka.tools.ConsumerPerformance";
    static final String END_TO_END_LATENCY = "org.apache.kafka.tools.EndToEndLatency";
    static final String TOPIC_COMMAND = "org.apache.kafka.tools.TopicCommand";
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private final String java;
    private final Path kafkaLib;
    private final List<String> jvmFlags;
    private final int timeoutSeconds;
    private final LongSupplier nanoTime;

    /** {@code jvmFlags} should set a log4j2 configuration so the tools' own output stays readable. */
    KafkaTools(String java, Path kafkaLib, List<String> jvmFlags, int timeoutSeconds, LongSupplier nanoTime) {
        this.java = java;
        this.kafkaLib = kafkaLib;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.timeoutSeconds = timeoutSeconds;
        this.nanoTime = nanoTime;
    }

    /** A started tool; {@link #await} waits for it and collects its output. */
    final class Started {
        private final String name;
        private final Process process;
        private final Path output;
        private final long deadlineNanos;

        private Started(String name, Process process, Path output) {
            this.name = name;
            this.process = process;
            this.output = output;
            // From the start, not from await: tools started together must not add up their timeouts.
            this.deadlineNanos = nanoTime.getAsLong() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        }

        /**
         * Waits until the tool exits, but stops it when it runs past the timeout or when
         * {@code brokerAlive} turns false (a client would otherwise retry a dead broker for minutes).
         */
        ToolRun await(BooleanSupplier brokerAlive) throws IOException, InterruptedException {
            String stoppedBecause = null;
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                if (!brokerAlive.getAsBoolean()) {
                    stoppedBecause = "the broker process exited while it ran";
                } else if (nanoTime.getAsLong() > deadlineNanos) {
                    stoppedBecause = "timed out after " + timeoutSeconds + " s";
                }
                if (stoppedBecause != null) {
                    break;
                }
            }
            ChildProcesses.stop(process, 10);
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            lines = lines.subList(1, lines.size()); // the first line is the command, written by start
            return new ToolRun(name, stoppedBecause == null ? process.exitValue() : -1, stoppedBecause, lines, output);
        }
    }

    /** Starts {@code mainClass} with {@code args}; its stdout and stderr go to {@code output}. */
    Started start(String name, Path output, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(kafkaLib.resolve("*").toString());
        command.add(mainClass);
        command.addAll(args);
        Files.writeString(output, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return new Started(name, ChildProcesses.start(builder), output);
    }

    /** Runs a tool that needs no broker (or whose broker is not started yet) to completion. */
    ToolRun run(String name, Path output, String mainClass, List<String> args) throws IOException, InterruptedException {
        return start(name, output, mainClass, args).await(() -> true);
    }

    /** Creates a topic with TopicCommand (replication factor 1, no topic-level configs). */
    void createTopic(BrokerProcess broker, String topic, int partitions, Path output)
            throws IOException, InterruptedException {
        ToolRun run = start("TopicCommand", output, TOPIC_COMMAND, List.of("--bootstrap-server", broker.bootstrap(),
                "--create", "--topic", topic, "--partitions", Integer.toString(partitions), "--replication-factor", "1"))
                .await(broker::isAlive);
        if (run.failure() != null) {
            throw new WorkloadException("creating topic " + topic + " failed: " + run.failure());
        }
    }
}
