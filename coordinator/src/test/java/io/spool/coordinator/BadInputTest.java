package io.spool.coordinator;

import io.spool.wire.message.DeleteGroupsRequest;
import io.spool.wire.message.DescribeGroupsRequest;
import io.spool.wire.message.HeartbeatRequest;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.LeaveGroupRequest;
import io.spool.wire.message.OffsetCommitResponse;
import io.spool.wire.message.OffsetDeleteRequest;
import io.spool.wire.message.OffsetFetchRequest;
import io.spool.wire.message.OffsetFetchResponse;
import io.spool.wire.message.SyncGroupRequest;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.spool.coordinator.Harness.done;
import static io.spool.coordinator.Harness.joinRequest;
import static io.spool.coordinator.Harness.protocols;
import static io.spool.coordinator.Harness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Requests the coordinator must refuse, with Kafka's error codes. */
class BadInputTest {
    private static final short INVALID_GROUP_ID = CoordinatorError.INVALID_GROUP_ID.code();
    private static final String TOO_LONG = "g".repeat(Short.MAX_VALUE + 1);

    @TempDir
    Path dir;
    private Harness h;

    @AfterEach
    void close() throws IOException {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void ourErrorCodesAreKafkas() {
        for (CoordinatorError error : CoordinatorError.values()) {
            assertEquals(Errors.valueOf(error.name()).code(), error.code(), error.name());
        }
    }

    @Test
    void groupsMapToPartitionsAsInKafka() throws IOException {
        h = new Harness(dir);
        // "polygenelubricants".hashCode() is Integer.MIN_VALUE, whose absolute value Kafka takes as 0.
        for (String groupId : List.of("g", "orders-app", "polygenelubricants", "", "Ünïcödé")) {
            assertEquals(Utils.abs(groupId.hashCode()) % 3, h.coordinator.partitionFor(groupId), groupId);
        }
    }

    @Test
    void membershipApisRefuseEmptyAndOverLongGroupIds() throws IOException {
        h = new Harness(dir);
        for (String id : List.of("", TOO_LONG)) {
            assertEquals(INVALID_GROUP_ID, done(h.coordinator.joinGroup(v(9), joinRequest(id, "", null, protocols("range")))).errorCode());
            assertEquals(INVALID_GROUP_ID, done(h.coordinator.syncGroup(v(5), new SyncGroupRequest().setGroupId(id))).errorCode());
            assertEquals(INVALID_GROUP_ID, done(h.coordinator.heartbeat(v(4), new HeartbeatRequest().setGroupId(id))).errorCode());
            assertEquals(INVALID_GROUP_ID, done(h.coordinator.leaveGroup(v(5), new LeaveGroupRequest().setGroupId(id))).errorCode());
            assertEquals(INVALID_GROUP_ID, done(h.coordinator.deleteOffsets(v(0), new OffsetDeleteRequest().setGroupId(id))).errorCode());
        }
        assertEquals(INVALID_GROUP_ID, h.commit(TOO_LONG, "", -1, "orders", 0, 1));
        assertEquals(INVALID_GROUP_ID, done(h.coordinator.describeGroups(v(5),
                new DescribeGroupsRequest().setGroups(List.of(TOO_LONG)))).groups().get(0).errorCode());
        assertEquals(INVALID_GROUP_ID, done(h.coordinator.deleteGroups(v(2),
                new DeleteGroupsRequest().setGroupsNames(List.of(TOO_LONG)))).results().get(0).errorCode());
        OffsetFetchResponse fetch = done(h.coordinator.fetchOffsets(v(8), new OffsetFetchRequest().setGroups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId(TOO_LONG).setTopics(null)))));
        assertEquals(INVALID_GROUP_ID, fetch.groups().get(0).errorCode());
    }

    @Test
    void oldClientsMayStoreOffsetsUnderTheEmptyGroupId() throws IOException {
        h = new Harness(dir);
        assertEquals(CoordinatorError.NONE.code(), h.commit("", "", -1, "orders", 0, 5));
        assertEquals(5, h.committed("", "orders", 0));
        assertEquals("Empty", h.describe("").groupState());
    }

    @Test
    void groupsOfPartitionsNotLoadedHereAreSomeoneElses() throws IOException {
        h = new Harness(dir);
        done(h.coordinator.unloadPartition(h.coordinator.partitionFor("g")));
        short notCoordinator = CoordinatorError.NOT_COORDINATOR.code();
        JoinGroupResponse join = done(h.join(9, "g", "m"));
        assertEquals(notCoordinator, join.errorCode());
        assertEquals("m", join.memberId());
        assertEquals(notCoordinator, h.heartbeat("g", "m", 1));
        assertEquals(notCoordinator, h.commit("g", "", -1, "orders", 0, 1));
        assertEquals(notCoordinator, h.describe("g").errorCode());
    }

    @Test
    void unknownMembersAndWrongGenerationsAreRefused() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 1);
        short unknown = CoordinatorError.UNKNOWN_MEMBER_ID.code();
        short illegal = CoordinatorError.ILLEGAL_GENERATION.code();
        assertEquals(unknown, done(h.join(9, "g", "stranger")).errorCode());
        assertEquals(unknown, done(h.join(9, "never-created", "stranger")).errorCode());
        assertEquals(unknown, h.heartbeat("g", "stranger", g.generation()));
        assertEquals(unknown, h.heartbeat("never-created", "stranger", 1));
        assertEquals(unknown, done(h.sync("g", "stranger", g.generation(), Map.of())).errorCode());
        assertEquals(illegal, h.heartbeat("g", g.leader(), g.generation() - 1));
        assertEquals(illegal, done(h.sync("g", g.leader(), 99, Map.of())).errorCode());
        assertEquals(illegal, h.commit("g", g.leader(), 99, "orders", 0, 1));
    }

    @Test
    void aMismatchedProtocolTypeIsInconsistent() throws IOException {
        h = new Harness(dir);
        h.form("g", 1);
        JoinGroupResponse r = done(h.join(9, joinRequest("g", h.memberId("g"), null, protocols("range")).setProtocolType("connect")));
        assertEquals(CoordinatorError.INCONSISTENT_GROUP_PROTOCOL.code(), r.errorCode());
        assertEquals(CoordinatorError.INCONSISTENT_GROUP_PROTOCOL.code(), done(h.coordinator.syncGroup(v(5),
                new SyncGroupRequest().setGroupId("g").setMemberId(h.describe("g").members().get(0).memberId())
                        .setGenerationId(1).setProtocolType("connect"))).errorCode());
    }

    @Test
    void commitsForUnknownTopicsFailOnlyThosePartitions() throws IOException {
        h = new Harness(dir);
        OffsetCommitResponse r = done(h.coordinator.commitOffsets(v(8), Harness.commitRequest("s", "", -1, "nope", 0, 1)));
        assertEquals(CoordinatorError.UNKNOWN_TOPIC_OR_PARTITION.code(), r.topics().get(0).partitions().get(0).errorCode());
        assertEquals(CoordinatorError.UNKNOWN_TOPIC_OR_PARTITION.code(), h.commit("s", "", -1, "orders", -1, 1));
        assertEquals("Dead", h.describe("s").groupState(), "nothing was committed, so no simple group exists");
    }

    @Test
    void afterShutdownEveryRequestIsToldTheCoordinatorIsNotAvailable() throws IOException {
        h = new Harness(dir);
        h.stop();
        assertEquals(CoordinatorError.COORDINATOR_NOT_AVAILABLE.code(), h.heartbeat("g", "m", 1));
        h.start(Runnable::run, true);
    }
}
