package io.spool.bench.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every workload against Apache Kafka and Spool alternately, each run on a freshly started
 * broker, and writes the report to stdout and bench/target/results.md (progress goes to stderr).
 * Started by bench/run.sh, which builds everything first.
 */
public final class SideBySide {
    private static final long PAYLOAD_SEED = 20_240_101L;
    private static final int PAYLOAD_LINES = 10_000;

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options, Clock.systemUTC());
    }

    static void run(Options options, Clock clock) throws IOException, InterruptedException {
        Path out = options.root().resolve("bench/target");
        Path kafkaLib = out.resolve("kafka-lib");
        String kafkaVersion = KafkaLib.version(kafkaLib);
        Path runsDir = out.resolve("side-by-side");
        Directories.deleteRecursively(runsDir);
        Files.createDirectories(runsDir);

        Path payload = out.resolve("payload.json");
        JsonPayloadFile.write(payload, PAYLOAD_LINES, PAYLOAD_SEED);
        Path brokerLog4j = writeLog4j(runsDir.resolve("kafka-broker-log4j2.properties"), "INFO");
        Path toolsLog4j = writeLog4j(runsDir.resolve("kafka-tools-log4j2.properties"), "WARN");

        String javaHome = System.getProperty("java.home");
        String java = Path.of(javaHome, "bin", "java").toString();
        Sizes sizes = options.sizes();
        KafkaTools tools = new KafkaTools(java, kafkaLib, List.of("-Xmx512m", "-Duser.language=en",
                "-Duser.country=US", "-Dlog4j2.configurationFile=" + toolsLog4j), sizes.toolTimeoutSeconds(), System::nanoTime);
        Map<BrokerKind, BrokerLauncher> launchers = new EnumMap<>(BrokerKind.class);
        launchers.put(BrokerKind.KAFKA, new KafkaLauncher(java, kafkaLib, brokerLog4j, tools));
        launchers.put(BrokerKind.SPOOL, new SpoolLauncher(options.root(), javaHome));

        Results results = new Results();
        List<Workload> workloads = Workloads.standard(sizes, payload, results).stream()
                .filter(w -> options.only().isEmpty() || options.only().contains(w.name()))
                .toList();
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("--only " + options.only() + " names no workload");
        }
        RunExecutor executor = new RunExecutor(runsDir, tools, ProcStats.forThisMachine(), System::nanoTime);
        String loadAtStart = MachineInfo.loadAverage();

        for (Workload workload : workloads) {
            for (int round = 1; round <= sizes.runs(); round++) {
                // Alternate, and flip who goes first every round, so drift in the machine favours neither.
                List<BrokerKind> order = round % 2 == 1 ? List.of(BrokerKind.KAFKA, BrokerKind.SPOOL)
                        : List.of(BrokerKind.SPOOL, BrokerKind.KAFKA);
                for (BrokerKind kind : order) {
                    progress(clock, workload.name() + " round " + round + "/" + sizes.runs() + " " + kind.label + " ...");
                    RunResult result = executor.run(workload, launchers.get(kind), round);
                    results.add(result);
                    progress(clock, "  " + (result.ok() ? "ok " + summary(result.measurement()) : "FAILED: " + result.failure()));
                }
            }
        }

        RunDescription description = new RunDescription(options.root(), clock.instant(), options.command(), sizes,
                MachineInfo.describe(), loadAtStart, MachineInfo.loadAverage(), kafkaVersion, options.spoolRevision());
        String report = Report.render(description, workloads, results);
        Files.writeString(out.resolve("results.md"), report, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.csv"), RawResults.csv(results), StandardCharsets.UTF_8);
        System.out.print(report);
        long failed = results.all().stream().filter(r -> !r.ok()).count();
        progress(clock, failed + " of " + results.all().size() + " runs failed; report in " + out.resolve("results.md")
                + ", per-run logs in " + runsDir);
    }

    private static String summary(Measurement measurement) {
        StringBuilder text = new StringBuilder();
        measurement.values().forEach((metric, value) ->
                text.append(text.length() == 0 ? "" : ", ").append(metric.label).append(' ')
                        .append(Report.number(value)));
        return text.toString();
    }

    /** Log4j2 for Kafka's JVMs: the broker logs at INFO as a stock install does; tools only warn. */
    private static Path writeLog4j(Path file, String level) throws IOException {
        Files.writeString(file, String.join("\n",
                "rootLogger.level=" + level,
                "rootLogger.appenderRef.out.ref=out",
                "appender.out.type=Console",
                "appender.out.name=out",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=[%d] %p %m (%c)%n",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    private static void progress(Clock clock, String message) {
        System.err.println("[" + LocalTime.now(clock).format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + message);
    }
}
