package io.spool.bench.sidebyside;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EndToEndLatency's result lines: "Avg latency: A ms" and "Percentiles: 50th = P, 99th = P, 99.9th = P". */
record EndToEndSummary(double avgMs, double p50Ms, double p99Ms, double p999Ms) {
    private static final Pattern AVERAGE = Pattern.compile("^Avg latency: ([0-9]+(?:\\.[0-9]+)?) ms");
    private static final Pattern PERCENTILES =
            Pattern.compile("^Percentiles: 50th = ([0-9]+), 99th = ([0-9]+), 99\\.9th = ([0-9]+)");

    static Optional<EndToEndSummary> find(List<String> lines) {
        Double average = null;
        Matcher percentiles = null;
        for (String line : lines) {
            Matcher a = AVERAGE.matcher(line.trim());
            if (a.find()) {
                average = Double.parseDouble(a.group(1));
            }
            Matcher p = PERCENTILES.matcher(line.trim());
            if (p.find()) {
                percentiles = p;
            }
        }
        if (average == null || percentiles == null) {
            return Optional.empty();
        }
        return Optional.of(new EndToEndSummary(average, Double.parseDouble(percentiles.group(1)),
                Double.parseDouble(percentiles.group(2)), Double.parseDouble(percentiles.group(3))));
    }
}
