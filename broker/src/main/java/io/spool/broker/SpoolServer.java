package io.spool.broker;

import io.spool.broker.config.BrokerConfig;
import io.spool.broker.config.ConfigException;
import io.spool.broker.config.Endpoint;
import io.spool.broker.config.ServerArguments;

import java.util.stream.Collectors;

/**
 * Main class: {@code SpoolServer [server.properties] [--override key=value ...]}. Prints exactly one
 * line to stdout once clients can connect,
 * {@code Spool started: listening on PLAINTEXT://host:port (node.id=N)} (tools parse it); logs go to
 * stderr. SIGTERM shuts the broker down cleanly. Exit status 1 for a configuration or start failure.
 */
public final class SpoolServer {
    private SpoolServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "[%1$tF %1$tT,%1$tL] %4$s %3$s: %5$s%6$s%n");
        }
        BrokerConfig config;
        try {
            config = BrokerConfig.from(ServerArguments.parse(args));
        } catch (ConfigException e) {
            System.err.println("Spool: " + e.getMessage());
            System.exit(1);
            return;
        }
        Broker broker;
        try {
            broker = Broker.start(config);
        } catch (Exception e) {
            System.err.println("Spool: cannot start: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "spool-shutdown"));
        String endpoints = broker.advertisedEndpoints().stream().map(Endpoint::toString).collect(Collectors.joining(", "));
        System.out.println("Spool started: listening on " + endpoints + " (node.id=" + config.nodeId() + ")");
        System.out.flush();
        broker.awaitShutdown();
    }
}
