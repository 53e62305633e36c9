package io.spool.compat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the kcat command-line client (librdkafka). kcat must be installed: CI installs it, and its absence
 * fails the test rather than skipping it, so a green build always includes librdkafka's view of the broker.
 */
public final class Kcat {
    private static final long TIMEOUT_SECONDS = 120;

    private Kcat() {
    }

    /** Runs {@code kcat <args>} with {@code stdin} as its input; fails unless it exits 0. Returns stdout. */
    public static String run(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("kcat-", ".out");
            stderr = Files.createTempFile("kcat-", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + "s; stderr:\n"
                        + Files.readString(stderr));
            }
            String out = Files.readString(stdout);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited with " + process.exitValue() + "; stderr:\n"
                        + Files.readString(stderr) + "\nstdout:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        } finally {
            deleteIfPresent(stdout);
            deleteIfPresent(stderr);
        }
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

    private static void deleteIfPresent(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
