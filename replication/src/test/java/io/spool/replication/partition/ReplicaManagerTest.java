package io.spool.replication.partition;

import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.LogManagerConfig;
import io.spool.log.TopicPartition;
import io.spool.log.time.ManualTime;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaManagerTest {
    private static final UUID TOPIC_ID = UUID.randomUUID();
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(1_000_000);
    private final List<String> leadership = new ArrayList<>();
    private LogManager logs;
    private ReplicaManager replicas;

    @BeforeEach
    void setUp() throws IOException {
        start();
    }

    private void start() throws IOException {
        logs = LogManager.start(new LogManagerConfig(List.of(dir), 300_000, 60_000, 60_000, 1_000, 86_400_000, 600_000),
                LogConfig.defaults(), name -> LogConfig.defaults(), time);
        replicas = new ReplicaManager(1, logs, new ReplicaConfig(10_000, 1 << 20, 10 << 20, 100, 1, 50, 5_000, 1, 60_000,
                Optional.empty()), (tp, state, isr) -> CompletableFuture.completedFuture(Optional.empty()), time, new PartitionListener() {
                    @Override
                    public void leadershipChanged(Partition partition, boolean leader) {
                        leadership.add(partition + (leader ? " led" : " lost"));
                    }
                }, new HighWatermarkCheckpoints(List.of(dir)));
    }

    @AfterEach
    void tearDown() throws IOException {
        replicas.close();
        logs.shutdown();
    }

    /** Broker 1 leads partition 0 in {@code epoch0}; partition 1 is led by {@code leader1} (replicas 2 and {@code replicas1}). */
    private static ClusterImage image(int epoch0, int leader1, List<Integer> replicas1) {
        PartitionInfo p0 = new PartitionInfo(TP0, TOPIC_ID, List.of(1, 2), Optional.of(new PartitionState(1, epoch0, List.of(1, 2), 1, epoch0)));
        PartitionInfo p1 = new PartitionInfo(TP1, TOPIC_ID, replicas1, Optional.of(new PartitionState(leader1, 4, replicas1, 1, 0)));
        TopicInfo topic = new TopicInfo("t", TOPIC_ID, Map.of(), List.of(p0, p1));
        // Broker 2 listens on a port nothing serves: the follower's fetcher just backs off.
        Map<Integer, BrokerInfo> brokers = Map.of(
                1, new BrokerInfo(1, List.of(new BrokerEndpoint("PLAINTEXT", "PLAINTEXT", "127.0.0.1", 1)), Optional.empty()),
                2, new BrokerInfo(2, List.of(new BrokerEndpoint("PLAINTEXT", "PLAINTEXT", "127.0.0.1", 1)), Optional.empty()));
        return new ClusterImage("c", 1, brokers, Map.of("t", topic), Map.of(TOPIC_ID, topic));
    }

    private static ClusterImage empty() {
        return new ClusterImage("c", 1, Map.of(), Map.of(), Map.of());
    }

    @Test
    void imagesMakeLeadersAndFollowersAndRepeatingThemChangesNothing() {
        ClusterImage first = image(3, 2, List.of(2, 1));
        replicas.onImage(empty(), first);
        Partition p0 = replicas.get("t", 0).orElseThrow();
        Partition p1 = replicas.get(TOPIC_ID, 1).orElseThrow();
        assertTrue(p0.isLeader());
        assertEquals(3, p0.leaderEpoch());
        assertFalse(p1.isLeader());
        assertEquals(2, p1.leaderId());
        assertEquals(List.of("t-0 led"), leadership);

        replicas.onImage(first, first);
        assertEquals(List.of("t-0 led"), leadership);

        ClusterImage moved = image(4, 1, List.of(2, 1));
        PartitionInfo p0Moved = new PartitionInfo(TP0, TOPIC_ID, List.of(1, 2), Optional.of(new PartitionState(2, 5, List.of(2), 1, 5)));
        TopicInfo topic = new TopicInfo("t", TOPIC_ID, Map.of(), List.of(p0Moved, moved.topics().get("t").partitions().get(1)));
        ClusterImage swapped = new ClusterImage("c", 1, moved.brokers(), Map.of("t", topic), Map.of(TOPIC_ID, topic));
        replicas.onImage(first, swapped);
        assertFalse(p0.isLeader());
        assertTrue(p1.isLeader());
        assertEquals(List.of("t-0 led", "t-0 lost", "t-1 led"), leadership);
    }

    @Test
    void aPartitionMovedAwayOrDeletedIsStoppedAndItsLogDeleted() {
        ClusterImage first = image(3, 2, List.of(2, 1));
        replicas.onImage(empty(), first);
        Partition p1 = replicas.get("t", 1).orElseThrow();
        ClusterImage withoutUs = image(3, 2, List.of(2, 3));
        replicas.onImage(first, withoutUs);
        assertTrue(p1.deleted());
        assertTrue(replicas.get("t", 1).isEmpty());
        assertTrue(logs.getLog(TP1).isEmpty());
        replicas.onImage(withoutUs, empty());
        assertTrue(replicas.partitions().isEmpty());
        assertTrue(logs.allLogs().isEmpty());
        assertEquals(List.of("t-0 led", "t-0 lost"), leadership);
    }

    @Test
    void highWatermarksSurviveARestartThroughTheCheckpoint() throws IOException {
        ClusterImage only = image(3, 2, List.of(2, 1));
        replicas.onImage(empty(), only);
        Partition p0 = replicas.get("t", 0).orElseThrow();
        for (int i = 0; i < 2; i++) {
            var batch = TestLogs.batch("v", 3);
            try {
                p0.appendAsLeader(batch, 1);
            } finally {
                batch.release();
            }
        }
        p0.followerFetched(2, 3);
        assertEquals(3, p0.highWatermark());
        replicas.close();
        logs.shutdown();
        assertTrue(Files.readString(dir.resolve(HighWatermarkCheckpoints.FILE_NAME)).contains("t 0 3"));

        start();
        replicas.onImage(empty(), only);
        Partition reopened = replicas.get("t", 0).orElseThrow();
        assertEquals(6, reopened.log().logEndOffset());
        assertEquals(3, reopened.highWatermark(), "not the log end: offsets 3-5 were never committed");
    }
}
