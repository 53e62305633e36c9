package io.spool.bench.sidebyside;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Spool as a user starts it: bin/spool-server-start.sh with the shipped config/server.properties
 * and --override for the run's listener, data directory and the settings both brokers share. The
 * script execs the JVM, so the started process is the broker itself.
 */
final class SpoolLauncher implements BrokerLauncher {
    private final Path projectRoot;
    private final String javaHome;

    SpoolLauncher(Path projectRoot, String javaHome) {
        this.projectRoot = projectRoot;
        this.javaHome = javaHome;
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.SPOOL;
    }

    @Override
    public PreparedBroker prepare(Path runDir) throws IOException {
        int port = FreePorts.pick(1)[0];
        Files.createDirectories(runDir.resolve("data"));
        List<String> command = new ArrayList<>();
        command.add(projectRoot.resolve("bin/spool-server-start.sh").toString());
        command.add(projectRoot.resolve("config/server.properties").toString());
        override(command, "listeners", "PLAINTEXT://127.0.0.1:" + port);
        override(command, "log.dirs", runDir.resolve("data").toString());
        for (Map.Entry<String, String> e : BrokerSettings.common().entrySet()) {
            override(command, e.getKey(), e.getValue());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome);
        env.put("SPOOL_HEAP_OPTS", flags(true));
        env.put("SPOOL_JVM_OPTS", flags(false));
        return new PreparedBroker(builder, new InetSocketAddress("127.0.0.1", port));
    }

    private static void override(List<String> command, String key, String value) {
        command.add("--override");
        command.add(key + "=" + value);
    }

    /** The shared JVM flags split the way the script takes them: heap sizes, then the rest. */
    private static String flags(boolean heap) {
        return BrokerSettings.JVM_FLAGS.stream()
                .filter(flag -> flag.startsWith("-Xm") == heap)
                .collect(Collectors.joining(" "));
    }
}
