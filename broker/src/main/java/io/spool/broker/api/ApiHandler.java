package io.spool.broker.api;

import io.spool.wire.message.ApiKey;
import io.spool.wire.protocol.ApiMessage;

import java.util.concurrent.CompletableFuture;

/**
 * Serves one API. {@link #handle} is called on the connection's event loop and must not block;
 * slow work completes the returned future later, from any thread. A future completed with null
 * sends no response (acks=0 produce). Errors the protocol can express belong in the response;
 * an exceptional future closes the connection.
 *
 * @param <Q> the request body type of {@link #apiKey()}
 */
public interface ApiHandler<Q extends ApiMessage> {
    ApiKey apiKey();

    /** The versions this handler parses and answers. */
    VersionRange versions();

    /**
     * The versions put in ApiVersions responses; normally {@link #versions()}. Differs only where
     * clients depend on Kafka advertising more than it serves.
     */
    default VersionRange advertisedVersions() {
        return versions();
    }

    CompletableFuture<? extends ApiMessage> handle(RequestContext context, Q request);
}
