package io.spool.broker.cluster;

import io.spool.broker.config.Endpoint;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.zk.MetadataCache;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * This broker's view of the cluster: its node id and advertised endpoints (bound ports filled in),
 * and everything else (cluster id, controller, live brokers, topics, leaders) from the latest
 * image of the metadata cache. Lock-free reads for the request path.
 */
public final class ClusterMetadata {
    private final int nodeId;
    private final List<Endpoint> endpoints;
    private final MetadataCache metadata;

    public ClusterMetadata(int nodeId, List<Endpoint> advertisedEndpoints, MetadataCache metadata) {
        this.nodeId = nodeId;
        this.endpoints = List.copyOf(advertisedEndpoints);
        this.metadata = metadata;
    }

    public ClusterImage image() {
        return metadata.image();
    }

    public MetadataCache cache() {
        return metadata;
    }

    public String clusterId() {
        return image().clusterId();
    }

    public int nodeId() {
        return nodeId;
    }

    /** The controller's id, or -1 during an election. */
    public int controllerId() {
        return image().controllerId();
    }

    /** This broker's advertised endpoints, one per listener in configuration order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The endpoint clients of {@code listenerName} are told to use for this broker; empty for a listener we do not have. */
    public Optional<Endpoint> endpoint(String listenerName) {
        return endpoints.stream().filter(e -> e.listenerName().equals(listenerName)).findFirst();
    }

    /** A live broker's endpoint on {@code listenerName}; empty when the broker is not alive or lacks that listener. */
    public static Optional<BrokerEndpoint> endpoint(ClusterImage image, int brokerId, String listenerName) {
        return Optional.ofNullable(image.brokers().get(brokerId)).flatMap(b -> b.endpoint(listenerName));
    }

    /** The live brokers with an endpoint on {@code listenerName}, by id. */
    public static List<BrokerInfo> brokersOn(ClusterImage image, String listenerName) {
        return image.brokers().values().stream().filter(b -> b.endpoint(listenerName).isPresent())
                .sorted(Comparator.comparingInt(BrokerInfo::id)).toList();
    }
}
