package io.spool.broker.config;

import java.util.Locale;

/**
 * A listener endpoint {@code NAME://host:port}. An empty host means all interfaces; port 0 means an
 * ephemeral port chosen at bind time.
 */
public record Endpoint(String listenerName, String host, int port) {

    /** Parses {@code NAME://host:port} (IPv6 hosts in brackets); {@code key} names the property in errors. */
    public static Endpoint parse(String key, String text) {
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw new ConfigException(key, text, "expected NAME://host:port");
        }
        String name = text.substring(0, sep).toUpperCase(Locale.ROOT);
        String hostPort = text.substring(sep + 3);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(key, text, "expected NAME://host:port");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, text, "port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, text, "port must be between 0 and 65535");
        }
        return new Endpoint(name, host, port);
    }

    public Endpoint withPort(int newPort) {
        return new Endpoint(listenerName, host, newPort);
    }

    public Endpoint withHost(String newHost) {
        return new Endpoint(listenerName, newHost, port);
    }

    /** True when the host binds every interface (empty or a wildcard address). */
    public boolean wildcardHost() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return listenerName + "://" + h + ":" + port;
    }
}
