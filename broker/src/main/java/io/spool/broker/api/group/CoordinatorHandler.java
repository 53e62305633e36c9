package io.spool.broker.api.group;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.protocol.ApiMessage;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A group API served by the group coordinator, which answers on its own thread; the response
 * future completes from there. Subclasses name their API and versions and make the call.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
abstract class CoordinatorHandler<Q extends ApiMessage, R extends ApiMessage> implements ApiHandler<Q> {
    protected final GroupCoordinator coordinator;
    private final ApiKey apiKey;
    private final VersionRange versions;

    CoordinatorHandler(GroupCoordinator coordinator, ApiKey apiKey, VersionRange versions) {
        this.coordinator = coordinator;
        this.apiKey = apiKey;
        this.versions = versions;
    }

    @Override
    public final ApiKey apiKey() {
        return apiKey;
    }

    @Override
    public final VersionRange versions() {
        return versions;
    }

    @Override
    public final CompletableFuture<R> handle(RequestContext context, Q request) {
        return serve(requestInfo(context), request);
    }

    abstract CompletableFuture<R> serve(RequestInfo info, Q request);

    /** The version, client id ("" when the header has none) and client host as Kafka shows it ("/127.0.0.1"). */
    static RequestInfo requestInfo(RequestContext context) {
        String host = context.clientAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().toString() : String.valueOf(context.clientAddress());
        return new RequestInfo(context.version(), Objects.requireNonNullElse(context.clientId(), ""), host);
    }
}
