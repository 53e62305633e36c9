package io.spool.broker.api.metadata;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.AuthorizedOperations;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.cluster.ClusterMetadata;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.DescribeClusterRequest;
import io.spool.wire.message.DescribeClusterResponse;
import io.spool.wire.message.DescribeClusterResponse.DescribeClusterBroker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeCluster v0-2. Reports the cluster id, the controller and the live brokers with their
 * endpoint on the request's listener and their rack, from this broker's metadata image. v1+ endpoint type: brokers only; asking a broker for controllers is
 * MISMATCHED_ENDPOINT_TYPE, as in Kafka. v2 fenced flag: never fenced.
 */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequest> {
    private static final byte BROKER_ENDPOINTS = 1;

    private final ClusterMetadata cluster;

    public DescribeClusterHandler(ClusterMetadata cluster) {
        this.cluster = cluster;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CLUSTER;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(0, 2);
    }

    @Override
    public CompletableFuture<DescribeClusterResponse> handle(RequestContext context, DescribeClusterRequest request) {
        DescribeClusterResponse response = new DescribeClusterResponse()
                .setEndpointType(BROKER_ENDPOINTS)
                .setClusterId(cluster.clusterId())
                .setControllerId(cluster.controllerId())
                .setClusterAuthorizedOperations(request.includeClusterAuthorizedOperations()
                        ? AuthorizedOperations.CLUSTER : AuthorizedOperations.OMITTED);
        if (context.version() >= 1 && request.endpointType() != BROKER_ENDPOINTS) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.MISMATCHED_ENDPOINT_TYPE.code())
                    .setErrorMessage("This is a broker; it describes broker endpoints only"));
        }
        List<DescribeClusterBroker> brokers = new ArrayList<>();
        for (BrokerInfo b : ClusterMetadata.brokersOn(cluster.image(), context.listenerName())) {
            BrokerEndpoint e = b.endpoint(context.listenerName()).orElseThrow();
            brokers.add(new DescribeClusterBroker().setBrokerId(b.id()).setHost(e.host()).setPort(e.port())
                    .setRack(b.rack().orElse(null)));
        }
        return CompletableFuture.completedFuture(response.setErrorCode(Errors.NONE.code()).setBrokers(brokers));
    }
}
