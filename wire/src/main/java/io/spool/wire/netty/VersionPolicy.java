package io.spool.wire.netty;

import io.spool.wire.message.ApiKey;

/** Which API versions the server accepts; requests of other versions are refused by {@link RequestDecoder}. */
@FunctionalInterface
public interface VersionPolicy {
    boolean accepts(ApiKey apiKey, short version);
}
