package io.spool.replication.cluster;

import java.util.List;
import java.util.Optional;

/** A live broker as it registered: its id, advertised endpoints (one per listener) and rack. */
public record BrokerInfo(int id, List<BrokerEndpoint> endpoints, Optional<String> rack) {
    public BrokerInfo {
        endpoints = List.copyOf(endpoints);
    }

    /** The endpoint of the listener named {@code listenerName}, or empty when the broker has no such listener. */
    public Optional<BrokerEndpoint> endpoint(String listenerName) {
        return endpoints.stream().filter(e -> e.listenerName().equals(listenerName)).findFirst();
    }
}
