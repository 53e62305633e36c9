package io.spool.broker.api.metadata;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.HandlerRegistry;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.cluster.ClusterMetadata;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.ApiVersionsRequest;
import io.spool.wire.message.ApiVersionsResponse;
import io.spool.wire.message.ApiVersionsResponse.ApiVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * ApiVersions v0-5. Lists every registered handler's advertised versions. A request of a version
 * we do not serve is answered in v0 with UNSUPPORTED_VERSION and the list (KIP-511), so the client
 * can retry with one we do. v3+ client software name and version must be well-formed
 * (INVALID_REQUEST otherwise). v5 (KIP-1242): a client that names another cluster id or node id
 * gets REBOOTSTRAP_REQUIRED. No features are advertised.
 */
public final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequest> {
    private static final Pattern SOFTWARE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");

    private final HandlerRegistry registry;
    private final ClusterMetadata cluster;

    public ApiVersionsHandler(HandlerRegistry registry, ClusterMetadata cluster) {
        this.registry = registry;
        this.cluster = cluster;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(0, 5);
    }

    @Override
    public CompletableFuture<ApiVersionsResponse> handle(RequestContext context, ApiVersionsRequest request) {
        ApiVersionsResponse response = new ApiVersionsResponse().setFinalizedFeaturesEpoch(-1);
        if (context.request().versionUnsupported()) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.UNSUPPORTED_VERSION.code()).setApiKeys(apiKeys()));
        }
        short version = context.version();
        if (version >= 3 && !(wellFormed(request.clientSoftwareName()) && wellFormed(request.clientSoftwareVersion()))) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.INVALID_REQUEST.code()));
        }
        if (version >= 5 && !addressedToUs(request)) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.REBOOTSTRAP_REQUIRED.code()));
        }
        return CompletableFuture.completedFuture(response.setApiKeys(apiKeys()));
    }

    private boolean addressedToUs(ApiVersionsRequest request) {
        boolean clusterMatches = request.clusterId() == null || request.clusterId().equals(cluster.clusterId());
        boolean nodeMatches = request.nodeId() < 0 || request.nodeId() == cluster.nodeId();
        return clusterMatches && nodeMatches;
    }

    private static boolean wellFormed(String s) {
        return s != null && SOFTWARE.matcher(s).matches();
    }

    private List<ApiVersion> apiKeys() {
        List<ApiVersion> keys = new ArrayList<>();
        for (Map.Entry<ApiKey, VersionRange> e : registry.advertised()) {
            keys.add(new ApiVersion().setApiKey(e.getKey().id())
                    .setMinVersion(e.getValue().lowest()).setMaxVersion(e.getValue().highest()));
        }
        return keys;
    }
}
