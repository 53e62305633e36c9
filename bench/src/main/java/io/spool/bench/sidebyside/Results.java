package io.spool.bench.sidebyside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/** Every run so far, and medians over them. */
final class Results {
    private final List<RunResult> runs = new ArrayList<>();

    void add(RunResult run) {
        runs.add(run);
    }

    List<RunResult> all() {
        return runs;
    }

    List<RunResult> of(String workload, BrokerKind broker) {
        return runs.stream().filter(r -> r.workload().equals(workload) && r.broker() == broker).toList();
    }

    /** The median of {@code metric} over the successful runs of a workload on a broker; empty if none has it. */
    OptionalDouble median(String workload, BrokerKind broker, Metric metric) {
        return median(of(workload, broker).stream()
                .filter(RunResult::ok)
                .map(r -> r.measurement().values().get(metric))
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .toArray());
    }

    /** The median start-up time over every start of a broker, whatever the workload then did. */
    OptionalDouble medianStartup(BrokerKind broker) {
        return median(runs.stream()
                .filter(r -> r.broker() == broker)
                .map(r -> r.measurement().values().get(Metric.STARTUP_MS))
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .toArray());
    }

    long startups(BrokerKind broker) {
        return runs.stream().filter(r -> r.broker() == broker && r.measurement().values().containsKey(Metric.STARTUP_MS))
                .count();
    }

    static OptionalDouble median(double[] values) {
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    }
}
