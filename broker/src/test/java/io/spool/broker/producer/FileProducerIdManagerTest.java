package io.spool.broker.producer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileProducerIdManagerTest {

    @Test
    void idsAreNeverReusedAcrossRestarts(@TempDir Path dir) throws Exception {
        Set<Long> seen = new HashSet<>();
        FileProducerIdManager first = FileProducerIdManager.open(dir, 10);
        for (int i = 0; i < 15; i++) {
            assertTrue(seen.add(first.nextProducerId()));
        }
        FileProducerIdManager second = FileProducerIdManager.open(dir, 10);
        long afterRestart = second.nextProducerId();
        assertEquals(20, afterRestart, "the rest of the reserved block is skipped");
        assertTrue(seen.add(afterRestart));
    }
}
