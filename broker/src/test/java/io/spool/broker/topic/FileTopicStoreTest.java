package io.spool.broker.topic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTopicStoreTest {

    @Test
    void topicsSurviveReopening(@TempDir Path dir) throws Exception {
        FileTopicStore store = FileTopicStore.open(dir, new SplittableRandom(1));
        Topic orders = store.create("orders", 3, Map.of("retention.ms", "1000", "cleanup.policy", "compact,delete"));
        store.create("a.b", 1, Map.of());
        store.create("gone", 1, Map.of());
        assertTrue(store.delete("gone").isPresent());
        assertFalse(store.delete("gone").isPresent());

        FileTopicStore reopened = FileTopicStore.open(dir, new SplittableRandom(2));
        assertEquals(2, reopened.topics().size());
        assertEquals(orders, reopened.byName("orders").orElseThrow());
        assertEquals(orders, reopened.byId(orders.id()).orElseThrow());
        assertTrue(reopened.byName("gone").isEmpty());
    }

    @Test
    void duplicateAndCollidingNamesAreRefused(@TempDir Path dir) throws Exception {
        FileTopicStore store = FileTopicStore.open(dir, new SplittableRandom(1));
        store.create("a.b", 1, Map.of());
        assertThrows(TopicExistsException.class, () -> store.create("a.b", 1, Map.of()));
        assertThrows(TopicExistsException.class, () -> store.create("a_b", 1, Map.of()));
    }

    @Test
    void namesFollowKafkasRules() {
        assertTrue(TopicNames.invalidReason("valid.Name_-1").isEmpty());
        assertTrue(TopicNames.invalidReason("x".repeat(249)).isEmpty());
        assertTrue(TopicNames.invalidReason("x".repeat(250)).isPresent());
        assertTrue(TopicNames.invalidReason("").isPresent());
        assertTrue(TopicNames.invalidReason(".").isPresent());
        assertTrue(TopicNames.invalidReason("..").isPresent());
        assertTrue(TopicNames.invalidReason("with space").isPresent());
        assertTrue(TopicNames.invalidReason("é").isPresent());
    }
}
