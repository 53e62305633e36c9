package io.spool.wire.message;

import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Our generated ApiKey against kafka-clients' ApiKeys: same APIs, names, versions and header rules. */
class ApiKeyTest {

    @Test
    void sameApisAsKafka() {
        int withVersions = 0;
        for (ApiKeys kafka : ApiKeys.values()) {
            ApiKey ours = ApiKey.forId(kafka.id);
            if (!kafka.hasValidVersion()) {
                assertNull(ours, kafka.name + " was removed from the protocol");
                continue;
            }
            withVersions++;
            assertNotNull(ours, kafka.name);
            assertEquals(kafka.name(), ours.name());
            assertEquals(kafka.id, ours.id());
            assertEquals(kafka.name, ours.displayName());
            assertEquals(kafka.oldestVersion(), ours.lowestVersion());
            assertEquals(kafka.latestVersion(true), ours.highestVersion());
            assertEquals(kafka.messageType.latestVersionUnstable(), ours.latestVersionUnstable(), kafka.name);
            Set<String> listeners = kafka.messageType.listeners().stream()
                    .map(l -> l.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            assertEquals(listeners, ours.listeners(), kafka.name);
        }
        assertEquals(withVersions, ApiKey.values().length);
    }

    @Test
    void headerVersionsMatchKafka() {
        for (ApiKey ours : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(ours.id());
            for (short v = kafka.oldestVersion(); v <= kafka.latestVersion(true); v++) {
                assertEquals(kafka.requestHeaderVersion(v), ours.requestHeaderVersion(v), kafka.name + " v" + v);
                assertEquals(kafka.responseHeaderVersion(v), ours.responseHeaderVersion(v), kafka.name + " v" + v);
                assertEquals(kafka.requestHeaderVersion(v) == 2, ours.isFlexible(v), kafka.name + " v" + v);
            }
        }
    }

    @Test
    void factoriesCreateTheRightMessages() {
        for (ApiKey key : ApiKey.values()) {
            ApiMessageType kafka = ApiMessageType.fromApiKey(key.id());
            assertEquals(kafka.newRequest().getClass().getSimpleName(), key.newRequest().getClass().getSimpleName() + "Data");
            assertEquals(kafka.newResponse().getClass().getSimpleName(), key.newResponse().getClass().getSimpleName() + "Data");
            assertEquals(key.id(), key.newRequest().apiKey());
            assertEquals(key.id(), key.newResponse().apiKey());
        }
        assertSame(ApiKey.PRODUCE, ApiKey.forId(0));
        assertEquals(ProduceRequest.API_KEY, ApiKey.PRODUCE.id());
    }

    @Test
    void unknownIdsHaveNoApi() {
        assertNull(ApiKey.forId(-1));
        assertNull(ApiKey.forId(10_000));
        assertNull(ApiKey.forId(4)); // LeaderAndIsr: removed from the protocol, its spec has no versions
    }
}
