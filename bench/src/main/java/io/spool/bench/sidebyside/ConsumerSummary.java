package io.spool.bench.sidebyside;

import java.util.List;
import java.util.Optional;

/**
 * ConsumerPerformance's CSV result line: start.time, end.time, data.consumed.in.MB, MB.sec,
 * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec.
 * The fetch.* rates leave out the group join (rebalance) time.
 */
record ConsumerSummary(double mib, double mibPerSec, long records, double recordsPerSec, long rebalanceMs, long fetchMs,
                       double fetchMibPerSec, double fetchRecordsPerSec) {
    private static final int FIELDS = 10;

    static Optional<ConsumerSummary> find(List<String> lines) {
        ConsumerSummary found = null;
        for (String line : lines) {
            String[] f = line.split(",");
            if (f.length != FIELDS || !f[4].trim().matches("[0-9]+")) {
                continue; // the header line and anything else
            }
            found = new ConsumerSummary(d(f[2]), d(f[3]), Long.parseLong(f[4].trim()), d(f[5]),
                    Long.parseLong(f[6].trim()), Long.parseLong(f[7].trim()), d(f[8]), d(f[9]));
        }
        return Optional.ofNullable(found);
    }

    double bytes() {
        return mib * 1024 * 1024;
    }

    private static double d(String field) {
        return Double.parseDouble(field.trim());
    }
}
