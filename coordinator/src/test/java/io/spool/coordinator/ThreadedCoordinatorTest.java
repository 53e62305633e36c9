package io.spool.coordinator;

import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.LogManagerConfig;
import io.spool.log.time.Time;
import io.spool.wire.message.HeartbeatRequest;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.OffsetCommitResponse;
import io.spool.wire.message.SyncGroupRequest;
import io.spool.wire.message.SyncGroupResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.spool.coordinator.Harness.joinRequest;
import static io.spool.coordinator.Harness.protocols;
import static io.spool.coordinator.Harness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The coordinator as the broker runs it: its own event loop and loader threads, the system clock. */
class ThreadedCoordinatorTest {
    @TempDir
    Path dir;

    @Test
    void servesAGroupOnItsOwnThreadsAndStopsCleanly() throws Exception {
        LogConfig defaults = LogConfig.defaults();
        LogManager logs = LogManager.start(new LogManagerConfig(List.of(dir), 60_000, 60_000, 60_000, 60_000, 60_000, 60_000),
                defaults, topic -> defaults, Time.SYSTEM);
        GroupCoordinatorConfig config = GroupCoordinatorConfig.fromProperties(Map.of("offsets.topic.num.partitions", "2",
                "group.initial.rebalance.delay.ms", "0"));
        GroupCoordinator coordinator = new GroupCoordinator(config, new LocalOffsetsTopic(logs), new KnownTopics().add("orders", 1),
                Time.SYSTEM);
        try {
            coordinator.startup();
            assertEquals(2, coordinator.ensureOffsetsTopic().get(10, TimeUnit.SECONDS));
            for (int p = 0; p < 2; p++) {
                coordinator.loadPartition(p).get(10, TimeUnit.SECONDS);
            }
            JoinGroupResponse joined = coordinator.joinGroup(v(3), joinRequest("g", "", null, protocols("range")))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(1, joined.generationId());
            SyncGroupResponse synced = coordinator.syncGroup(v(3), new SyncGroupRequest().setGroupId("g")
                    .setMemberId(joined.memberId()).setGenerationId(1)).get(10, TimeUnit.SECONDS);
            assertEquals(0, synced.errorCode());
            OffsetCommitResponse committed = coordinator.commitOffsets(v(8),
                    Harness.commitRequest("g", joined.memberId(), 1, "orders", 0, 3)).get(10, TimeUnit.SECONDS);
            assertEquals(0, committed.topics().get(0).partitions().get(0).errorCode());
        } finally {
            coordinator.shutdown();
            logs.shutdown();
        }
        assertEquals(CoordinatorError.COORDINATOR_NOT_AVAILABLE.code(), coordinator.heartbeat(v(4),
                new HeartbeatRequest().setGroupId("g")).get(10, TimeUnit.SECONDS).errorCode());
    }
}
