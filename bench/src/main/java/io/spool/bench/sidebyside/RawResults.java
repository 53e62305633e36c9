package io.spool.bench.sidebyside;

import java.util.Map;

/** Every run's values as CSV (workload, broker, round, status, metric, value), for a closer look than medians. */
final class RawResults {
    private RawResults() {
    }

    static String csv(Results results) {
        StringBuilder out = new StringBuilder("workload,broker,round,status,metric,value\n");
        for (RunResult r : results.all()) {
            String prefix = r.workload() + "," + r.broker().label + "," + r.round() + "," + (r.ok() ? "ok" : "failed");
            if (r.measurement().values().isEmpty()) {
                out.append(prefix).append(",,\n");
            }
            for (Map.Entry<Metric, Double> e : r.measurement().values().entrySet()) {
                out.append(prefix).append(',').append(e.getKey().name()).append(',').append(e.getValue()).append('\n');
            }
        }
        return out.toString();
    }
}
