package io.spool.bench.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A process's CPU time and resident memory as Linux reports them under /proc. */
final class ProcStats {
    /** Fields of /proc/pid/stat after the ")" closing the command name: utime and stime are fields 14 and 15. */
    private static final int UTIME_AFTER_COMM = 11;
    private static final int STIME_AFTER_COMM = 12;

    private final double clockTicksPerSecond;

    ProcStats(double clockTicksPerSecond) {
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** Asks getconf for the kernel's clock tick (USER_HZ), which is what /proc counts CPU time in. */
    static ProcStats forThisMachine() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (getconf.waitFor() != 0) {
            throw new IOException("getconf CLK_TCK failed: " + out);
        }
        return new ProcStats(Double.parseDouble(out));
    }

    /** User plus system CPU seconds the process (all its threads) has used so far. */
    double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        return cpuTicks(stat) / clockTicksPerSecond;
    }

    /** Resident set size in KiB (VmRSS). */
    long rssKib(long pid) throws IOException {
        return rssKib(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII));
    }

    static long cpuTicks(String stat) {
        // The command name may hold spaces and parentheses; the fields after its last ")" are plain.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
    }

    static long rssKib(List<String> status) {
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalArgumentException("no VmRSS line (has the process exited?)");
    }
}
