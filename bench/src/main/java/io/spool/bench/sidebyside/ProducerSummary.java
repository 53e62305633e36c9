package io.spool.bench.sidebyside;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ProducerPerformance's final summary line: "N records sent, R records/sec (M MB/sec), A ms avg
 * latency, X ms max latency, P ms 50th, P ms 95th, P ms 99th, P ms 99.9th." (its MB is 2^20 bytes).
 */
record ProducerSummary(long records, double recordsPerSec, double mibPerSec, double avgLatencyMs, double maxLatencyMs,
                       double p50Ms, double p95Ms, double p99Ms, double p999Ms) {
    private static final String NUMBER = "([0-9]+(?:\\.[0-9]+)?)";
    private static final Pattern LINE = Pattern.compile("^([0-9]+) records sent, " + NUMBER + " records/sec \\("
            + NUMBER + " MB/sec\\), " + NUMBER + " ms avg latency, " + NUMBER + " ms max latency, "
            + NUMBER + " ms 50th, " + NUMBER + " ms 95th, " + NUMBER + " ms 99th, " + NUMBER + " ms 99.9th\\.");

    /** The last summary line in the output (with warm-up records the tool prints two; the last is steady state). */
    static Optional<ProducerSummary> find(List<String> lines) {
        ProducerSummary found = null;
        for (String line : lines) {
            Matcher m = LINE.matcher(line.trim());
            if (m.find()) {
                found = new ProducerSummary(Long.parseLong(m.group(1)), d(m, 2), d(m, 3), d(m, 4), d(m, 5), d(m, 6),
                        d(m, 7), d(m, 8), d(m, 9));
            }
        }
        return Optional.ofNullable(found);
    }

    /** Payload bytes sent, from the tool's own rates (records x bytes/record, which varies with a payload file). */
    double bytes() {
        return recordsPerSec == 0 ? 0 : mibPerSec * 1024 * 1024 / recordsPerSec * records;
    }

    private static double d(Matcher m, int group) {
        return Double.parseDouble(m.group(group));
    }
}
