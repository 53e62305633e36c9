package io.spool.broker.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaPropertiesTest {

    @Test
    void createsThenKeepsTheClusterId(@TempDir Path dir) throws Exception {
        List<Path> dirs = List.of(dir.resolve("a"), dir.resolve("b"));
        String clusterId = MetaProperties.ensure(dirs, 2, new SplittableRandom(1));
        assertEquals(22, clusterId.length());
        String text = Files.readString(dir.resolve("a").resolve("meta.properties"));
        assertTrue(text.contains("version=1") && text.contains("node.id=2") && text.contains("cluster.id=" + clusterId), text);
        assertEquals(clusterId, MetaProperties.ensure(dirs, 2, new SplittableRandom(2)));
        assertEquals(clusterId, MetaProperties.read(dir.resolve("b")).orElseThrow().clusterId());
    }

    @Test
    void refusesAnotherNodesDirectory(@TempDir Path dir) throws Exception {
        MetaProperties.ensure(List.of(dir), 1, new SplittableRandom(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MetaProperties.ensure(List.of(dir), 2, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("node.id"), e.getMessage());
    }

    @Test
    void refusesDirectoriesOfDifferentClusters(@TempDir Path dir) throws Exception {
        MetaProperties.ensure(List.of(dir.resolve("a")), 0, new SplittableRandom(1));
        MetaProperties.ensure(List.of(dir.resolve("b")), 0, new SplittableRandom(2));
        assertThrows(IllegalStateException.class,
                () -> MetaProperties.ensure(List.of(dir.resolve("a"), dir.resolve("b")), 0, new SplittableRandom(3)));
    }

    @Test
    void uuidTextRoundTrips() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            UUID id = KafkaUuid.random(random);
            String text = KafkaUuid.toString(id);
            assertFalse(text.startsWith("-"));
            assertEquals(id, KafkaUuid.parse(text));
        }
        assertEquals("AAAAAAAAAAAAAAAAAAAAAA", KafkaUuid.toString(KafkaUuid.ZERO));
    }
}
