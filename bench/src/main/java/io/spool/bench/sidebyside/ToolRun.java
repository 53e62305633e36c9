package io.spool.bench.sidebyside;

import java.nio.file.Path;
import java.util.List;

/**
 * How one tool process ended and everything it printed (stdout and stderr, interleaved).
 * {@code stoppedBecause} is null when the tool exited by itself, else why it was stopped.
 */
record ToolRun(String name, int exitCode, String stoppedBecause, List<String> lines, Path output) {
    /** Why the run counts as failed, or null when it exited 0. */
    String failure() {
        if (stoppedBecause != null) {
            return name + " was stopped: " + stoppedBecause + " (output: " + output + ")";
        }
        if (exitCode != 0) {
            return name + " exited with " + exitCode + ": " + errorLine() + " (output: " + output + ")";
        }
        return null;
    }

    /** The line that best says what went wrong: the last exception or error line, else the last line. */
    String errorLine() {
        String last = "(no output)";
        String error = null;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("at ") || trimmed.startsWith("...")) {
                continue; // blank lines and stack frames
            }
            last = trimmed;
            if (trimmed.contains("Exception") || trimmed.contains("ERROR") || trimmed.startsWith("Error")) {
                error = trimmed;
            }
        }
        return error != null ? error : last;
    }
}
