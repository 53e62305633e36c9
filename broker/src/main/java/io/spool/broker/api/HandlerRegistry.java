package io.spool.broker.api;

import io.spool.wire.message.ApiKey;
import io.spool.wire.netty.VersionPolicy;
import io.spool.wire.protocol.ApiMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * API key to handler. Requests of keys or versions no handler serves are refused before they get
 * here ({@link #accepts}); ApiVersions responses list exactly the registered handlers' versions.
 */
public final class HandlerRegistry implements VersionPolicy {
    private final Map<Short, ApiHandler<?>> handlers = new TreeMap<>();

    public void register(ApiHandler<?> handler) {
        ApiKey key = handler.apiKey();
        VersionRange served = handler.versions();
        if (served.lowest() < key.lowestVersion() || served.highest() > key.highestVersion()) {
            throw new IllegalArgumentException(key.displayName() + " handler serves " + served
                    + " outside the protocol's " + key.lowestVersion() + "-" + key.highestVersion());
        }
        if (key.latestVersionUnstable() && served.highest() == key.highestVersion()) {
            throw new IllegalArgumentException(key.displayName() + " v" + key.highestVersion()
                    + " is still unstable in the protocol spec; it must not be served or advertised");
        }
        if (handlers.putIfAbsent(key.id(), handler) != null) {
            throw new IllegalArgumentException("two handlers for " + key.displayName());
        }
    }

    @Override
    public boolean accepts(ApiKey apiKey, short version) {
        ApiHandler<?> handler = handlers.get(apiKey.id());
        return handler != null && handler.versions().contains(version);
    }

    /** The registered handlers, by API key. */
    public Collection<ApiHandler<?>> handlers() {
        return Collections.unmodifiableCollection(handlers.values());
    }

    /** Advertised version ranges, by API key order. */
    public List<Map.Entry<ApiKey, VersionRange>> advertised() {
        List<Map.Entry<ApiKey, VersionRange>> result = new ArrayList<>(handlers.size());
        for (ApiHandler<?> h : handlers.values()) {
            result.add(Map.entry(h.apiKey(), h.advertisedVersions()));
        }
        return result;
    }

    /** Runs the request's handler; the decoder made the body with the key's factory, so the cast holds. */
    @SuppressWarnings("unchecked")
    public CompletableFuture<? extends ApiMessage> dispatch(RequestContext context) {
        ApiHandler<ApiMessage> handler = (ApiHandler<ApiMessage>) handlers.get(context.request().apiKey().id());
        if (handler == null) {
            throw new IllegalStateException("no handler for " + context.request());
        }
        return handler.handle(context, context.request().body());
    }
}
