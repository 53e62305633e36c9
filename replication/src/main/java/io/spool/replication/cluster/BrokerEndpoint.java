package io.spool.replication.cluster;

/** One listener of a registered broker, with the host and port it advertises. */
public record BrokerEndpoint(String listenerName, String securityProtocol, String host, int port) {
}
