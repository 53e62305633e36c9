package io.spool.bench.sidebyside;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The Markdown report: a summary, one table per workload (medians and Spool/Kafka ratios), start-up. */
final class Report {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final RunDescription run;
    private final List<Workload> workloads;
    private final Results results;
    private final StringBuilder out = new StringBuilder();

    private Report(RunDescription run, List<Workload> workloads, Results results) {
        this.run = run;
        this.workloads = workloads;
        this.results = results;
    }

    static String render(RunDescription run, List<Workload> workloads, Results results) {
        return new Report(run, workloads, results).render();
    }

    private String render() {
        header();
        summary();
        for (Workload workload : workloads) {
            workload(workload);
        }
        startup();
        return out.toString();
    }

    private void header() {
        Sizes sizes = run.sizes();
        line("# Spool vs Apache Kafka, side by side");
        line("");
        if (sizes.quick()) {
            line("> **This is a `--quick` run** (small sizes, " + runs(sizes) + " per broker per workload"
                    + (Double.parseDouble(run.loadAtStart()) > run.machine().cpus() ? ", on a busy machine" : "")
                    + "): it shows that the harness works end to end. Its numbers are noise, not results.");
            line("");
        }
        line("| | |");
        line("|---|---|");
        line("| Date | " + DATE.format(run.date()) + " |");
        line("| Command | `" + run.command() + "` |");
        line("| Machine | " + run.machine().line() + " |");
        line("| JVM | " + run.machine().jvm() + " |");
        line("| Load average (1 min) at start / end | " + run.loadAtStart() + " / " + run.loadAtEnd() + " |");
        line("| Apache Kafka | " + run.kafkaVersion() + " from its Maven Central jars, one KRaft node "
                + "(process.roles=broker,controller) |");
        line("| Spool | " + run.spoolRevision() + " |");
        line("| Both brokers | a fresh process and data directory for every run, loopback, JVM flags `"
                + String.join(" ", BrokerSettings.JVM_FLAGS) + "`, no fsync per message "
                + "(log.flush.interval.messages=" + Long.MAX_VALUE + "), topics created with Kafka's TopicCommand, "
                + "replication factor 1 |");
        line("| Runs | " + runs(sizes) + " per broker per workload, Kafka and Spool alternating "
                + "(the order flips every round) |");
        line("");
        line("Values are medians over the successful runs. Spool/Kafka is the ratio of the medians; "
                + "each row says which direction is better. Broker CPU is utime+stime of the broker process "
                + "(/proc/<pid>/stat) over the workload's measured window.");
        line("");
    }

    private void summary() {
        line("## Summary");
        line("");
        line("| workload | metric | better | Spool | Kafka | Spool/Kafka |");
        line("|---|---|---|---:|---:|---:|");
        for (Workload w : workloads) {
            Metric m = w.headline();
            line("| " + w.name() + " | " + m.label + " | " + m.direction() + " | "
                    + cell(w, BrokerKind.SPOOL, m) + " | " + cell(w, BrokerKind.KAFKA, m) + " | "
                    + ratio(results.median(w.name(), BrokerKind.SPOOL, m), results.median(w.name(), BrokerKind.KAFKA, m))
                    + " |");
        }
        line("");
    }

    private void workload(Workload w) {
        line("## " + w.name());
        line("");
        line(w.description() + ".");
        line("");
        line("| metric | better | Spool | Kafka | Spool/Kafka |");
        line("|---|---|---:|---:|---:|");
        for (Metric m : Metric.values()) {
            OptionalDouble spool = results.median(w.name(), BrokerKind.SPOOL, m);
            OptionalDouble kafka = results.median(w.name(), BrokerKind.KAFKA, m);
            if (spool.isEmpty() && kafka.isEmpty()) {
                continue;
            }
            line("| " + m.label + " | " + m.direction() + " | " + cell(w, BrokerKind.SPOOL, m) + " | "
                    + cell(w, BrokerKind.KAFKA, m) + " | " + ratio(spool, kafka) + " |");
        }
        line("");
        line("Runs: Spool " + okCount(w, BrokerKind.SPOOL) + ", Kafka " + okCount(w, BrokerKind.KAFKA) + ".");
        for (BrokerKind broker : BrokerKind.values()) {
            for (RunResult r : results.of(w.name(), broker)) {
                if (!r.ok()) {
                    line("- **" + broker.label + " round " + r.round() + " FAILED**: " + shortenPaths(r.failure()));
                }
            }
        }
        line("");
    }

    private void startup() {
        line("## Start-up");
        line("");
        line("Process start to the first answered ApiVersions request (raw socket, polled every 10 ms), over every "
                + "broker start in this run; Kafka's storage format step comes before and is not counted.");
        line("");
        line("| metric | better | Spool | Kafka | Spool/Kafka |");
        line("|---|---|---:|---:|---:|");
        OptionalDouble spool = results.medianStartup(BrokerKind.SPOOL);
        OptionalDouble kafka = results.medianStartup(BrokerKind.KAFKA);
        line("| " + Metric.STARTUP_MS.label + " | " + Metric.STARTUP_MS.direction() + " | "
                + number(spool) + " (" + results.startups(BrokerKind.SPOOL) + " starts) | "
                + number(kafka) + " (" + results.startups(BrokerKind.KAFKA) + " starts) | " + ratio(spool, kafka) + " |");
        line("");
    }

    private static String runs(Sizes sizes) {
        return sizes.runs() + (sizes.runs() == 1 ? " run" : " runs");
    }

    /** Paths under the project root, as the reader of the report would type them. */
    private String shortenPaths(String text) {
        return text.replace(run.root() + "/", "");
    }

    private String cell(Workload w, BrokerKind broker, Metric m) {
        OptionalDouble median = results.median(w.name(), broker, m);
        if (median.isPresent()) {
            return number(median);
        }
        boolean anyOk = results.of(w.name(), broker).stream().anyMatch(RunResult::ok);
        return anyOk || results.of(w.name(), broker).isEmpty() ? "–" : "FAILED";
    }

    private String okCount(Workload w, BrokerKind broker) {
        List<RunResult> runs = results.of(w.name(), broker);
        return runs.stream().filter(RunResult::ok).count() + "/" + runs.size() + " ok";
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "–";
    }

    static String number(double v) {
        double abs = Math.abs(v);
        String pattern = abs >= 1000 ? "%,.0f" : abs >= 100 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    static String ratio(OptionalDouble spool, OptionalDouble kafka) {
        if (spool.isEmpty() || kafka.isEmpty() || kafka.getAsDouble() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", spool.getAsDouble() / kafka.getAsDouble());
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
