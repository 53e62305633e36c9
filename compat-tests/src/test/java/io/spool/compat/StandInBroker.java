package io.spool.compat;

import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Stands in for the broker in {@link SpoolBrokerTest}: takes the same command line, binds the listener port,
 * prints the startup line and accepts (and drops) connections until terminated. It knows nothing of Kafka;
 * it only lets the harness's process handling be tested before and apart from a real broker.
 */
public final class StandInBroker {
    private StandInBroker() {
    }

    public static void main(String[] args) throws IOException {
        Properties config = new Properties();
        try (Reader reader = new FileReader(args[0])) {
            config.load(reader);
        }
        if (args.length == 3 && args[1].equals("--override") && args[2].startsWith("listeners=")) {
            config.setProperty("listeners", args[2].substring("listeners=".length()));
        }
        if (Boolean.parseBoolean(config.getProperty("stand-in.fail"))) {
            System.out.println("stand-in refuses to start: stand-in.fail=true");
            System.exit(1);
        }
        URI listener = URI.create(config.getProperty("listeners"));
        Path dataDir = Path.of(config.getProperty("log.dirs"));
        Files.createDirectories(dataDir);
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(listener.getHost(), listener.getPort()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stand-in stopped cleanly")));
        System.out.println("Spool started: listening on PLAINTEXT://" + listener.getHost() + ":" + server.getLocalPort()
                + " (node.id=7)");
        while (true) {
            try (Socket ignored = server.accept()) {
                // connections are only there to prove the port is bound
            }
        }
    }
}
