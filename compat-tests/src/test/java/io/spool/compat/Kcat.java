package io.spool.compat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the kcat command-line client (librdkafka). kcat must be installed: CI installs it, and its absence
 * fails the test rather than skipping it, so a green build always includes librdkafka's view of the broker.
 */
public final class Kcat {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Kcat() {
    }

    /** Runs {@code kcat <args>} with {@code stdin} as its input; fails unless it exits 0. Returns stdout. */
    public static String run(String stdin, String... args) {
        return ForkedProcess.run(command(args), stdin, TIMEOUT).assertSuccess().stdout();
    }

    /** Starts {@code kcat <args>} in the background, e.g. a balanced consumer that runs until stopped. */
    public static ForkedProcess start(String... args) {
        return ForkedProcess.start(command(args));
    }

    /** kcat on the PATH; fails with install instructions when it is missing. */
    public static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kcat");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("kcat is not installed (not found on PATH=" + path + "). Install it: "
                + "on Debian/Ubuntu `apt-get install kcat`; .ci/run installs it in CI. "
                + "The compat tests never skip a missing client.");
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        return command;
    }
}
