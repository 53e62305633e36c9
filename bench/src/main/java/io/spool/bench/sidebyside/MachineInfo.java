package io.spool.bench.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run was taken on, as the report states it. */
record MachineInfo(int cpus, String cpuModel, double memoryGib, String kernel, String jvm) {
    static MachineInfo describe() throws IOException {
        String model = "unknown CPU";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        double memoryGib = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
            if (line.startsWith("MemTotal:")) {
                memoryGib = Long.parseLong(line.replaceAll("[^0-9]", "")) / (1024.0 * 1024);
            }
        }
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.UTF_8).trim();
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), model, memoryGib, kernel, jvm);
    }

    /** The 1-minute load average now: how busy the machine was around the run. */
    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0];
    }

    String line() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %.1f GiB RAM, Linux %s", cpus, cpuModel, memoryGib, kernel);
    }
}
