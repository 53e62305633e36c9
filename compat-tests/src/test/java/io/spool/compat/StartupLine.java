package io.spool.compat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line a broker prints on stdout once it accepts connections:
 * {@code Spool started: listening on PLAINTEXT://<host>:<port> (node.id=<id>)}.
 */
public record StartupLine(String host, int port, int nodeId) {
    private static final Pattern LINE =
            Pattern.compile("^Spool started: listening on PLAINTEXT://(.+):(\\d{1,5}) \\(node\\.id=(-?\\d+)\\)$");

    /**
     * The startup line among {@code output}'s complete lines, if the broker has printed it yet. A line still
     * being written (no terminator yet) is ignored, so a half-printed port number is never read.
     */
    public static Optional<StartupLine> find(String output) {
        int end = Math.max(output.lastIndexOf('\n'), output.lastIndexOf('\r'));
        for (String line : output.substring(0, end + 1).split("\\R")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                return Optional.of(new StartupLine(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            }
        }
        return Optional.empty();
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }
}
