package io.spool.replication.partition;

import io.netty.buffer.ByteBuf;
import io.spool.log.Log;
import io.spool.log.TopicPartition;
import io.spool.log.time.ManualTime;
import io.spool.replication.cluster.IsrUpdater;
import io.spool.replication.cluster.PartitionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final long LAG_MS = 10_000;

    /** ISR updates as the leader asked for them, answered by the test. */
    private record IsrRequest(PartitionState current, List<Integer> newIsr, CompletableFuture<Optional<PartitionState>> answer) {
        void accept() {
            answer.complete(Optional.of(new PartitionState(current.leader(), current.leaderEpoch(), newIsr, current.controllerEpoch(),
                    current.version() + 1)));
        }
    }

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(1_000_000);
    private final List<IsrRequest> isrRequests = new ArrayList<>();
    private final IsrUpdater updater = (tp, current, newIsr) -> {
        CompletableFuture<Optional<PartitionState>> answer = new CompletableFuture<>();
        isrRequests.add(new IsrRequest(current, newIsr, answer));
        return answer;
    };
    private ScheduledExecutorService scheduler;
    private Log log;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (log != null) {
            log.close();
        }
        scheduler.shutdownNow();
    }

    private Partition leader(Map<String, String> overrides, List<Integer> isr) throws Exception {
        log = TestLogs.open(dir, TP, overrides, time, scheduler);
        Partition p = new Partition(TP, UUID.randomUUID(), log, 1, LAG_MS, time, updater, new PartitionListener() {
        });
        assertTrue(p.makeLeader(new PartitionState(1, 5, isr, 1, 0), List.of(1, 2, 3)));
        return p;
    }

    private static long append(Partition p, int count, int acks) {
        ByteBuf batch = TestLogs.batch("v", count);
        try {
            return p.appendAsLeader(batch, acks).lastOffset();
        } finally {
            batch.release();
        }
    }

    @Test
    void highWatermarkIsTheSmallestLogEndInTheIsrAndNeverMovesBack() throws Exception {
        Partition p = leader(Map.of(), List.of(1, 2, 3));
        long last = append(p, 3, -1);
        assertEquals(0, p.highWatermark());
        CompletableFuture<ReplicaError> commit = p.awaitCommit(last, 60_000, scheduler);
        assertTrue(p.followerFetched(2, 3));
        assertEquals(0, p.highWatermark(), "follower 3 has not fetched yet");
        assertFalse(commit.isDone());
        assertTrue(p.followerFetched(3, 2));
        assertEquals(2, p.highWatermark());
        assertFalse(commit.isDone());
        assertTrue(p.followerFetched(3, 3));
        assertEquals(3, p.highWatermark());
        assertEquals(ReplicaError.NONE, commit.get(10, TimeUnit.SECONDS));
        assertTrue(p.followerFetched(3, 1)); // a follower that truncated: the mark stays
        assertEquals(3, p.highWatermark());
        assertEquals(5, log.leaderEpochs().latestEpoch().getAsInt());
    }

    @Test
    void unknownReplicaIsRefused() throws Exception {
        Partition p = leader(Map.of(), List.of(1, 2, 3));
        assertFalse(p.followerFetched(7, 0));
    }

    @Test
    void laggingFollowerLeavesTheIsrAfterTheLagTimeAndHighWatermarkMovesOn() throws Exception {
        Partition p = leader(Map.of(), List.of(1, 2, 3));
        append(p, 2, 1);
        p.followerFetched(2, 2);
        p.followerFetched(3, 0);
        time.advance(LAG_MS / 2);
        p.maybeShrinkIsr();
        assertTrue(isrRequests.isEmpty(), "not behind for the lag time yet");
        time.advance(LAG_MS);
        p.followerFetched(2, 2); // caught up now
        p.maybeShrinkIsr();
        assertEquals(1, isrRequests.size());
        assertEquals(List.of(1, 2), isrRequests.get(0).newIsr());
        assertEquals(0, p.highWatermark(), "while the change is in flight the larger ISR counts");
        isrRequests.get(0).accept();
        assertEquals(List.of(1, 2), p.isr());
        assertEquals(2, p.highWatermark());
    }

    @Test
    void followerReachingTheHighWatermarkInThisEpochRejoinsTheIsr() throws Exception {
        Partition p = leader(Map.of(), List.of(1, 2));
        append(p, 4, 1);
        p.followerFetched(2, 4);
        assertEquals(4, p.highWatermark());
        p.followerFetched(3, 2);
        assertTrue(isrRequests.isEmpty(), "below the high watermark");
        p.followerFetched(3, 4);
        assertEquals(1, isrRequests.size());
        assertEquals(List.of(1, 2, 3), isrRequests.get(0).newIsr());
        isrRequests.get(0).accept();
        assertEquals(List.of(1, 2, 3), p.isr());
    }

    @Test
    void refusedIsrChangeKeepsTheStoredIsr() throws Exception {
        Partition p = leader(Map.of(), List.of(1, 2));
        p.followerFetched(3, 0);
        isrRequests.get(0).answer().complete(Optional.empty());
        assertEquals(List.of(1, 2), p.isr());
    }

    @Test
    void minInsyncReplicasRefusesAcksAllBeforeAppendingButNotAcksOne() throws Exception {
        Partition p = leader(Map.of("min.insync.replicas", "2"), List.of(1));
        ReplicaException e = assertThrows(ReplicaException.class, () -> append(p, 1, -1));
        assertEquals(ReplicaError.NOT_ENOUGH_REPLICAS, e.error());
        assertEquals(0, log.logEndOffset());
        append(p, 1, 1);
        assertEquals(1, log.logEndOffset());
    }

    @Test
    void isrShrinkingBelowMinInsyncWhileWaitingAnswersNotEnoughReplicasAfterAppend() throws Exception {
        Partition p = leader(Map.of("min.insync.replicas", "2"), List.of(1, 2));
        long last = append(p, 2, -1);
        CompletableFuture<ReplicaError> commit = p.awaitCommit(last, 60_000, scheduler);
        time.advance(LAG_MS + 1);
        p.maybeShrinkIsr();
        isrRequests.get(0).accept();
        assertEquals(ReplicaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND, commit.get(10, TimeUnit.SECONDS));
    }

    @Test
    void waitingProduceExpiresWithRequestTimedOut() throws Exception {
        Partition p = leader(Map.of(), List.of(1, 2));
        long last = append(p, 1, -1);
        assertEquals(ReplicaError.REQUEST_TIMED_OUT, p.awaitCommit(last, 20, scheduler).get(10, TimeUnit.SECONDS));
        assertEquals(0, p.pendingCommits());
    }

    @Test
    void losingLeadershipFailsWaitersAndAppends() throws Exception {
        Partition p = leader(Map.of(), List.of(1, 2));
        long last = append(p, 1, -1);
        CompletableFuture<ReplicaError> commit = p.awaitCommit(last, 60_000, scheduler);
        assertTrue(p.makeFollower(new PartitionState(2, 6, List.of(1, 2), 1, 3), List.of(1, 2, 3)));
        assertEquals(ReplicaError.NOT_LEADER_OR_FOLLOWER, commit.get(10, TimeUnit.SECONDS));
        ReplicaException e = assertThrows(ReplicaException.class, () -> append(p, 1, 1));
        assertEquals(ReplicaError.NOT_LEADER_OR_FOLLOWER, e.error());
        assertFalse(p.makeLeader(new PartitionState(1, 5, List.of(1), 1, 4), List.of(1, 2, 3)), "an older epoch is ignored");
        assertEquals(2, p.leaderId());
    }

    @Test
    void repeatedImageOfTheSameEpochIsIdempotent() throws Exception {
        Partition p = leader(Map.of(), List.of(1, 2, 3));
        append(p, 2, 1);
        assertFalse(p.makeLeader(new PartitionState(1, 5, List.of(1, 2, 3), 1, 0), List.of(1, 2, 3)));
        assertEquals(List.of(new io.spool.log.epoch.EpochEntry(5, 0)), log.leaderEpochs().entries());
    }
}
