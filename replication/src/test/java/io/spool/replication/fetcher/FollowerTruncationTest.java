package io.spool.replication.fetcher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spool.log.Log;
import io.spool.log.TopicPartition;
import io.spool.log.epoch.EpochEntry;
import io.spool.log.time.ManualTime;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.PartitionListener;
import io.spool.replication.partition.TestLogs;
import io.spool.wire.protocol.FileSliceRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A follower whose log diverged from the new leader's (it led an epoch whose records never
 * replicated) is cut back by the diverging-epoch exchange and ends byte-identical to the leader.
 */
class FollowerTruncationTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path leaderDir;
    @TempDir
    Path followerDir;
    private final ManualTime time = new ManualTime(1_000_000);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Log leaderLog;
    private Log followerLog;

    @AfterEach
    void tearDown() throws Exception {
        leaderLog.close();
        followerLog.close();
        scheduler.shutdownNow();
    }

    private Partition partition(Log log, int brokerId) {
        return new Partition(TP, UUID.randomUUID(), log, brokerId, 30_000, time,
                (tp, current, isr) -> CompletableFuture.completedFuture(Optional.empty()), new PartitionListener() {
                });
    }

    private static void append(Log log, String prefix, int count, int epoch) {
        ByteBuf batch = TestLogs.batch(prefix, count);
        try {
            log.appendAsLeader(batch, epoch);
        } finally {
            batch.release();
        }
    }

    @Test
    void divergentFollowerTruncatesAndCatchesUpToAnIdenticalLog() throws Exception {
        leaderLog = TestLogs.open(leaderDir, TP, Map.of(), time, scheduler);
        followerLog = TestLogs.open(followerDir, TP, Map.of(), time, scheduler);
        // Epoch 0, led by broker 2, replicated to both.
        append(leaderLog, "a", 3, 0);
        copy(leaderLog, followerLog, 0);
        // Epoch 1: broker 2 (now the follower) appended records nobody copied...
        append(followerLog, "lost", 2, 1);
        // ...epoch 2: broker 1 leads and appends its own.
        append(leaderLog, "c", 4, 2);

        Partition leader = partition(leaderLog, 1);
        leader.makeLeader(new PartitionState(1, 3, List.of(1, 2), 1, 0), List.of(1, 2));
        ByteBuf newer = TestLogs.batch("d", 1);
        try {
            leader.appendAsLeader(newer, 1); // stamped with the new epoch 3
        } finally {
            newer.release();
        }
        Partition follower = partition(followerLog, 2);
        follower.makeFollower(new PartitionState(1, 3, List.of(1, 2), 1, 0), List.of(1, 2));

        for (int round = 0; round < 5; round++) {
            long fetchOffset = followerLog.logEndOffset();
            int lastEpoch = followerLog.leaderEpochs().latestEpoch().orElse(-1);
            Optional<EpochEntry> diverging = leader.divergingEpoch(lastEpoch, fetchOffset);
            if (diverging.isPresent()) {
                long target = ReplicaFetcher.truncationOffset(followerLog, diverging.get().epoch(), diverging.get().startOffset());
                assertTrue(follower.truncateAsFollower(3, target));
                continue;
            }
            leader.followerFetched(2, fetchOffset);
            FileSliceRecords slice = leaderLog.read(fetchOffset, 1 << 20, leaderLog.logEndOffset(), true);
            ByteBuf bytes = Unpooled.wrappedBuffer(read(slice));
            assertTrue(follower.appendAsFollower(3, bytes, leaderLog.highWatermark()));
        }
        leader.followerFetched(2, followerLog.logEndOffset());

        assertEquals(leaderLog.logEndOffset(), followerLog.logEndOffset());
        assertEquals(8, followerLog.logEndOffset());
        assertEquals(leaderLog.leaderEpochs().entries(), followerLog.leaderEpochs().entries());
        assertArrayEquals(Files.readAllBytes(segment(leaderLog)), Files.readAllBytes(segment(followerLog)));
        assertEquals(8, leaderLog.highWatermark());
    }

    @Test
    void truncationOffsetUsesTheFollowersOwnEndOfAnEpochItDoesNotShare() throws Exception {
        leaderLog = TestLogs.open(leaderDir, TP, Map.of(), time, scheduler);
        followerLog = TestLogs.open(followerDir, TP, Map.of(), time, scheduler);
        append(followerLog, "a", 2, 0);
        append(followerLog, "b", 2, 2);
        // The leader knows epochs 0 and 1 only: it answers epoch 1 ending at 5; we have no epoch 1, so we cut at our epoch 0's end.
        assertEquals(2, ReplicaFetcher.truncationOffset(followerLog, 1, 5));
        // Same epoch: the smaller of the two ends.
        assertEquals(1, ReplicaFetcher.truncationOffset(followerLog, 0, 1));
        assertEquals(2, ReplicaFetcher.truncationOffset(followerLog, 0, 9));
    }

    private static void copy(Log from, Log to, long offset) throws Exception {
        FileSliceRecords slice = from.read(offset, 1 << 20, from.logEndOffset(), true);
        to.appendAsFollower(Unpooled.wrappedBuffer(read(slice)));
    }

    private static byte[] read(FileSliceRecords slice) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(slice.size());
        long position = slice.position();
        while (buffer.hasRemaining()) {
            int n = slice.channel().read(buffer, position);
            if (n < 0) {
                break;
            }
            position += n;
        }
        return buffer.array();
    }

    private static Path segment(Log log) {
        return log.dir().resolve("00000000000000000000.log");
    }
}
