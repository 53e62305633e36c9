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
        assertTrue(MetaProperties.existingClusterId(dirs, 2).isEmpty());
        String clusterId = KafkaUuid.toString(KafkaUuid.random(new SplittableRandom(1)));
        MetaProperties.ensure(dirs, 2, clusterId, new SplittableRandom(1));
        String text = Files.readString(dir.resolve("a").resolve("meta.properties"));
        assertTrue(text.contains("version=1") && text.contains("node.id=2") && text.contains("cluster.id=" + clusterId), text);
        MetaProperties.ensure(dirs, 2, clusterId, new SplittableRandom(2));
        assertEquals(clusterId, MetaProperties.existingClusterId(dirs, 2).orElseThrow());
        assertEquals(clusterId, MetaProperties.read(dir.resolve("b")).orElseThrow().clusterId());
    }

    @Test
    void refusesAnotherClusterId(@TempDir Path dir) throws Exception {
        MetaProperties.ensure(List.of(dir), 1, "clusterA", new SplittableRandom(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MetaProperties.ensure(List.of(dir), 1, "clusterB", new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("clusterA") && e.getMessage().contains("clusterB"), e.getMessage());
    }

    @Test
    void refusesAnotherNodesDirectory(@TempDir Path dir) throws Exception {
        MetaProperties.ensure(List.of(dir), 1, "c", new SplittableRandom(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MetaProperties.ensure(List.of(dir), 2, "c", new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("node.id"), e.getMessage());
    }

    @Test
    void refusesDirectoriesOfDifferentClusters(@TempDir Path dir) throws Exception {
        MetaProperties.ensure(List.of(dir.resolve("a")), 0, "one", new SplittableRandom(1));
        MetaProperties.ensure(List.of(dir.resolve("b")), 0, "two", new SplittableRandom(2));
        assertThrows(IllegalStateException.class,
                () -> MetaProperties.existingClusterId(List.of(dir.resolve("a"), dir.resolve("b")), 0));
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
