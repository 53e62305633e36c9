package io.spool.broker.topic;

import io.spool.broker.meta.KafkaUuid;
import io.spool.log.time.Time;
import io.spool.replication.zk.EmbeddedZooKeeper;
import io.spool.replication.zk.ZkCodec;
import io.spool.replication.zk.ZkConnection;
import io.spool.replication.zk.ZkMetadataStore;
import io.spool.replication.zk.ZkPaths;
import io.spool.replication.zk.TopicAssignment;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyTopicImportTest {
    @Test
    void importsTopicsAndProducerIdsOnce(@TempDir Path dir) throws Exception {
        UUID id = KafkaUuid.random(new SplittableRandom(7));
        String idText = KafkaUuid.toString(id);
        Files.writeString(dir.resolve(LegacyTopicImport.TOPICS_FILE), "topic." + idText + ".name=orders\n"
                + "topic." + idText + ".partitions=2\ntopic." + idText + ".config.retention.ms=1000\n");
        Files.writeString(dir.resolve(LegacyTopicImport.PRODUCER_IDS_FILE), "next.block.start=5000\n");
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), 0);
             CuratorFramework client = ZkConnection.connect(zk.connectString(), Duration.ofSeconds(4), Duration.ofSeconds(10))) {
            ZkMetadataStore store = new ZkMetadataStore(client, Time.SYSTEM);
            LegacyTopicImport.run(dir, 3, store);
            TopicAssignment orders = ZkCodec.parseTopic(store.read(ZkPaths.topic("orders")).orElseThrow());
            assertEquals(new TopicAssignment(id, List.of(List.of(3), List.of(3))), orders);
            assertEquals(Map.of("retention.ms", "1000"), store.topicConfig("orders"));
            assertTrue(store.allocateProducerIds(3, 10).start() >= 5000);
            assertFalse(Files.exists(dir.resolve(LegacyTopicImport.TOPICS_FILE)));
            LegacyTopicImport.run(dir, 3, store); // nothing left to import
        }
    }
}
