package io.spool.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What one run of a workload gets: the started broker, the tools, its topic and a directory for output. */
record WorkloadRun(BrokerProcess broker, KafkaTools tools, String topic, Path dir) {
    /** Runs a tool to completion; a failed tool fails the run with the tool's own error. */
    ToolRun require(String name, String mainClass, List<String> args) throws IOException, InterruptedException {
        return require(await(start(name, mainClass, args)));
    }

    KafkaTools.Started start(String name, String mainClass, List<String> args) throws IOException {
        return tools.start(name, output(name), mainClass, args);
    }

    /** Waits for a tool started against this run's broker; it is stopped if the broker dies. */
    ToolRun await(KafkaTools.Started tool) throws IOException, InterruptedException {
        return tool.await(broker::isAlive);
    }

    static ToolRun require(ToolRun run) {
        if (run.failure() != null) {
            throw new WorkloadException(run.failure());
        }
        return run;
    }

    /** ProducerPerformance arguments against this run's broker and topic. */
    List<String> producerPerfArgs(long records, long throughput, Payload payload, List<String> producerProperties) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", broker.bootstrap(), "--topic", topic,
                "--num-records", Long.toString(records), "--throughput", Long.toString(throughput)));
        args.addAll(payload.args());
        if (!producerProperties.isEmpty()) {
            args.add("--command-property");
            args.addAll(producerProperties);
        }
        return args;
    }

    /** ConsumerPerformance arguments: consume {@code records} from the start of this run's topic. */
    List<String> consumerPerfArgs(long records) {
        return List.of("--bootstrap-server", broker.bootstrap(), "--topic", topic,
                "--num-records", Long.toString(records), "--timeout", "60000");
    }

    /** The producer summary, checked to account for every record asked for (failed sends are not counted by the tool). */
    static ProducerSummary producerSummary(ToolRun run, long expectedRecords) {
        ProducerSummary summary = ProducerSummary.find(run.lines())
                .orElseThrow(() -> new WorkloadException(run.name() + " printed no summary line: " + run.errorLine()
                        + " (output: " + run.output() + ")"));
        if (summary.records() != expectedRecords) {
            throw new WorkloadException(run.name() + " acknowledged " + summary.records() + " of " + expectedRecords
                    + " records: " + run.errorLine() + " (output: " + run.output() + ")");
        }
        return summary;
    }

    static ConsumerSummary consumerSummary(ToolRun run, long expectedRecords) {
        ConsumerSummary summary = ConsumerSummary.find(run.lines())
                .orElseThrow(() -> new WorkloadException(run.name() + " printed no result line: " + run.errorLine()
                        + " (output: " + run.output() + ")"));
        if (summary.records() < expectedRecords) {
            throw new WorkloadException(run.name() + " consumed " + summary.records() + " of " + expectedRecords
                    + " records: " + run.errorLine() + " (output: " + run.output() + ")");
        }
        return summary;
    }

    private Path output(String name) {
        return dir.resolve(name.replace(' ', '-') + ".out");
    }
}
