package io.spool.replication.zk;

import io.spool.log.time.Time;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZkMetadataStoreTest {
    @TempDir
    Path dir;
    private EmbeddedZooKeeper zk;
    private CuratorFramework client;
    private ZkMetadataStore store;

    @BeforeEach
    void start() throws Exception {
        zk = EmbeddedZooKeeper.start(dir, 0);
        client = ZkConnection.connect(zk.connectString() + "/chroot/spool", Duration.ofSeconds(4), Duration.ofSeconds(10));
        store = new ZkMetadataStore(client, Time.SYSTEM);
    }

    @AfterEach
    void stop() {
        client.close();
        zk.close();
    }

    @Test
    void concurrentTopicCreationsOnAFreshTreeAllSucceed() {
        List<CompletableFuture<Boolean>> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "t" + i;
            created.add(CompletableFuture.supplyAsync(() -> store.createTopic(name,
                    new TopicAssignment(UUID.randomUUID(), List.of(List.of(1))), Map.of("retention.ms", "1"))));
        }
        created.forEach(f -> assertTrue(f.join()));
        assertFalse(store.createTopic("t0", new TopicAssignment(UUID.randomUUID(), List.of(List.of(1))), Map.of()));
        assertEquals(Map.of("retention.ms", "1"), store.topicConfig("t3"));
    }

    @Test
    void clusterIdIsStoredOnceUnderTheChroot() throws Exception {
        assertEquals("first", store.ensureClusterId("first"));
        assertEquals("first", store.ensureClusterId("second"));
        assertTrue(client.getZookeeperClient().getZooKeeper().exists("/chroot/spool/cluster/id", false) != null);
    }

    @Test
    void producerIdBlocksAreNeverReissued() {
        Set<Long> starts = new HashSet<>();
        List<CompletableFuture<ProducerIdBlock>> blocks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int broker = i;
            blocks.add(CompletableFuture.supplyAsync(() -> store.allocateProducerIds(broker, 100)));
        }
        for (CompletableFuture<ProducerIdBlock> b : blocks) {
            ProducerIdBlock block = b.join();
            assertEquals(99, block.end() - block.start());
            assertTrue(starts.add(block.start()), "block reissued: " + block);
        }
        assertEquals(Set.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L), starts);
    }
}
