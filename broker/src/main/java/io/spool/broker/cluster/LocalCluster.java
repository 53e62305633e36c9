package io.spool.broker.cluster;

import io.spool.broker.config.Endpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cluster as this single broker sees it: the cluster id, its node id (also the controller and
 * the leader of every partition), and the endpoint it advertises on each listener (bound ports
 * filled in).
 */
public final class LocalCluster {
    public static final int PARTITION_LEADER_EPOCH = 0;

    private final String clusterId;
    private final int nodeId;
    private final List<Endpoint> endpoints;
    private final Map<String, Endpoint> advertised;

    public LocalCluster(String clusterId, int nodeId, List<Endpoint> advertisedEndpoints) {
        this.clusterId = clusterId;
        this.nodeId = nodeId;
        this.endpoints = List.copyOf(advertisedEndpoints);
        this.advertised = advertisedEndpoints.stream().collect(Collectors.toUnmodifiableMap(Endpoint::listenerName, Function.identity()));
    }

    public String clusterId() {
        return clusterId;
    }

    public int nodeId() {
        return nodeId;
    }

    public int controllerId() {
        return nodeId;
    }

    /**
     * The leader epoch of every partition: a single broker has led each partition since it was
     * created, so the epoch never moves from 0. Appended batches are stamped with it.
     */
    public int partitionLeaderEpoch() {
        return PARTITION_LEADER_EPOCH;
    }

    /** The advertised endpoints, one per listener in configuration order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The endpoint clients of {@code listenerName} are told to use; empty for a listener we do not have. */
    public Optional<Endpoint> endpoint(String listenerName) {
        return Optional.ofNullable(advertised.get(listenerName));
    }
}
