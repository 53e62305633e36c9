package io.spool.broker.api;

import io.spool.wire.message.ApiKey;
import io.spool.wire.protocol.ApiMessage;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandlerRegistryTest {

    private static ApiHandler<ApiMessage> handler(ApiKey key, int lowest, int highest) {
        return new ApiHandler<>() {
            @Override
            public ApiKey apiKey() {
                return key;
            }

            @Override
            public VersionRange versions() {
                return VersionRange.of(lowest, highest);
            }

            @Override
            public CompletableFuture<ApiMessage> handle(RequestContext context, ApiMessage request) {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    @Test
    void acceptsExactlyTheServedVersions() {
        HandlerRegistry registry = new HandlerRegistry();
        registry.register(handler(ApiKey.METADATA, 1, 12));
        assertTrue(registry.accepts(ApiKey.METADATA, (short) 1));
        assertTrue(registry.accepts(ApiKey.METADATA, (short) 12));
        assertFalse(registry.accepts(ApiKey.METADATA, (short) 0));
        assertFalse(registry.accepts(ApiKey.METADATA, (short) 13));
        assertFalse(registry.accepts(ApiKey.FETCH, (short) 12));
        assertEquals(1, registry.advertised().size());
        assertEquals(VersionRange.of(1, 12), registry.advertised().get(0).getValue());
    }

    @Test
    void refusesVersionsOutsideTheSpecOrUnstable() {
        HandlerRegistry registry = new HandlerRegistry();
        assertThrows(IllegalArgumentException.class, () -> registry.register(handler(ApiKey.METADATA, 0, ApiKey.METADATA.highestVersion() + 1)));
        ApiKey unstable = null;
        for (ApiKey key : ApiKey.values()) {
            if (key.latestVersionUnstable()) {
                unstable = key;
                break;
            }
        }
        ApiKey withUnstable = unstable;
        assertThrows(IllegalArgumentException.class,
                () -> registry.register(handler(withUnstable, withUnstable.lowestVersion(), withUnstable.highestVersion())));
        registry.register(handler(ApiKey.METADATA, 0, 13));
        assertThrows(IllegalArgumentException.class, () -> registry.register(handler(ApiKey.METADATA, 0, 13)));
    }
}
