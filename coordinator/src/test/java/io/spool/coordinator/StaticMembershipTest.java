package io.spool.coordinator;

import io.spool.wire.message.DescribeGroupsResponse;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.LeaveGroupRequest;
import io.spool.wire.message.LeaveGroupResponse;
import io.spool.wire.message.OffsetCommitRequest;
import io.spool.wire.message.SyncGroupResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.spool.coordinator.Harness.bytes;
import static io.spool.coordinator.Harness.done;
import static io.spool.coordinator.Harness.joinRequest;
import static io.spool.coordinator.Harness.protocols;
import static io.spool.coordinator.Harness.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Static membership (KIP-345): members known by group.instance.id survive restarts without a rebalance. */
class StaticMembershipTest {
    private static final short NONE = CoordinatorError.NONE.code();

    @TempDir
    Path dir;
    private Harness h;
    private String leaderId;
    private String followerId;
    private int generation;

    /** A stable group of two static members, "a" (the leader) and "b". */
    @BeforeEach
    void formStaticGroup() throws IOException {
        h = new Harness(dir);
        CompletableFuture<JoinGroupResponse> a = h.join(5, joinRequest("g", "", "a", protocols("range")));
        assertTrue(a.isDone(), "static members get no MEMBER_ID_REQUIRED round");
        JoinGroupResponse ja = done(a);
        CompletableFuture<JoinGroupResponse> b = h.join(5, joinRequest("g", "", "b", protocols("range")));
        JoinGroupResponse rejoin = done(h.join(5, joinRequest("g", ja.memberId(), "a", protocols("range"))));
        JoinGroupResponse jb = done(b);
        assertTrue(ja.memberId().startsWith("a-"), ja.memberId());
        leaderId = rejoin.memberId();
        followerId = jb.memberId();
        generation = rejoin.generationId();
        assertEquals(leaderId, rejoin.leader());
        CompletableFuture<SyncGroupResponse> sb = h.sync("g", followerId, generation, Map.of());
        done(h.sync("g", leaderId, generation, Map.of(leaderId, bytes("A"), followerId, bytes("B"))));
        assertArrayEquals(bytes("B"), done(sb).assignment());
    }

    @AfterEach
    void close() throws IOException {
        h.close();
    }

    @Test
    void aRestartedMemberTakesItsPlaceBackWithoutARebalance() {
        JoinGroupResponse restarted = done(h.join(5, joinRequest("g", "", "b", protocols("range"))));
        assertEquals(NONE, restarted.errorCode());
        assertNotEquals(followerId, restarted.memberId());
        assertEquals(generation, restarted.generationId(), "no new generation");
        assertEquals(leaderId, restarted.leader());
        assertEquals("Stable", h.describe("g").groupState());
        SyncGroupResponse sync = done(h.sync("g", restarted.memberId(), generation, Map.of()));
        assertArrayEquals(bytes("B"), sync.assignment(), "it keeps its assignment");
        assertEquals(NONE, h.heartbeat("g", leaderId, "a", generation), "the other members notice nothing");
    }

    @Test
    void theOldIncarnationIsFenced() {
        JoinGroupResponse restarted = done(h.join(5, joinRequest("g", "", "b", protocols("range"))));
        short fenced = CoordinatorError.FENCED_INSTANCE_ID.code();
        assertEquals(fenced, h.heartbeat("g", followerId, "b", generation));
        assertEquals(fenced, done(h.join(5, joinRequest("g", followerId, "b", protocols("range")))).errorCode());
        assertEquals(fenced, commitAsInstance(followerId, "b"));
        assertEquals(CoordinatorError.UNKNOWN_MEMBER_ID.code(), h.commit("g", followerId, generation, "orders", 0, 1));
        assertEquals(NONE, h.heartbeat("g", restarted.memberId(), "b", generation));
        assertEquals(NONE, commitAsInstance(restarted.memberId(), "b"));
        assertEquals(CoordinatorError.UNKNOWN_MEMBER_ID.code(), h.heartbeat("g", followerId, "nobody", generation));
    }

    private short commitAsInstance(String memberId, String instanceId) {
        OffsetCommitRequest request = Harness.commitRequest("g", memberId, generation, "orders", 0, 1)
                .setGroupInstanceId(instanceId);
        return done(h.coordinator.commitOffsets(v(8), request)).topics().get(0).partitions().get(0).errorCode();
    }

    @Test
    void aRestartedLeaderBeforeVersionNineIsToldTheOldLeaderSoItDoesNotAssign() {
        JoinGroupResponse restarted = done(h.join(8, joinRequest("g", "", "a", protocols("range"))));
        assertEquals(leaderId, restarted.leader());
        assertNotEquals(restarted.memberId(), restarted.leader());
        assertTrue(restarted.members().isEmpty());
        assertFalse(restarted.skipAssignment());
    }

    @Test
    void aRestartedLeaderFromVersionNineGetsTheMembersAndSkipAssignment() {
        JoinGroupResponse restarted = done(h.join(9, joinRequest("g", "", "a", protocols("range"))));
        assertEquals(restarted.memberId(), restarted.leader());
        assertTrue(restarted.skipAssignment());
        assertEquals(2, restarted.members().size());
        assertEquals("Stable", h.describe("g").groupState());
    }

    @Test
    void aRestartWithProtocolsThatChangeTheChoiceRebalances() {
        CompletableFuture<JoinGroupResponse> b = h.join(5, joinRequest("g", "", "b", protocols("range", "roundrobin")));
        assertEquals(NONE, done(b).errorCode());
        assertEquals("Stable", h.describe("g").groupState(), "range stays the choice: no rebalance");

        JoinGroupResponse unsupported = done(h.join(5, joinRequest("g", "", "a", protocols("sticky"))));
        assertEquals(CoordinatorError.INCONSISTENT_GROUP_PROTOCOL.code(), unsupported.errorCode());

        // The leader now prefers roundrobin, which b also offers: the votes tie and the leader's preference wins.
        CompletableFuture<JoinGroupResponse> a = h.join(5, joinRequest("g", "", "a", protocols("roundrobin", "range")));
        assertFalse(a.isDone());
        assertEquals("PreparingRebalance", h.describe("g").groupState());
        JoinGroupResponse rejoinB = done(h.join(5, joinRequest("g", done(b).memberId(), "b", protocols("range", "roundrobin"))));
        assertEquals("roundrobin", rejoinB.protocolName());
        assertEquals(generation + 1, done(a).generationId());
    }

    @Test
    void aStaticMemberAwayLongerThanItsSessionIsRemoved() {
        h.advance(Harness.SESSION_MS / 2);
        assertEquals(NONE, h.heartbeat("g", leaderId, "a", generation));
        h.advance(Harness.SESSION_MS / 2);
        assertEquals(CoordinatorError.REBALANCE_IN_PROGRESS.code(), h.heartbeat("g", leaderId, "a", generation));
        JoinGroupResponse alone = done(h.join(5, joinRequest("g", leaderId, "a", protocols("range"))));
        assertEquals(1, alone.members().size());
    }

    @Test
    void anAdminRemovesAStaticMemberByInstanceId() {
        LeaveGroupResponse response = done(h.coordinator.leaveGroup(v(3), new LeaveGroupRequest().setGroupId("g")
                .setMembers(List.of(new LeaveGroupRequest.MemberIdentity().setMemberId("").setGroupInstanceId("b"),
                        new LeaveGroupRequest.MemberIdentity().setMemberId("").setGroupInstanceId("zz")))));
        assertEquals(NONE, response.errorCode());
        assertEquals(NONE, response.members().get(0).errorCode());
        assertEquals(CoordinatorError.UNKNOWN_MEMBER_ID.code(), response.members().get(1).errorCode());
        DescribeGroupsResponse.DescribedGroup described = h.describe("g");
        assertEquals("PreparingRebalance", described.groupState());
        assertEquals(1, described.members().size());
        assertEquals("a", described.members().get(0).groupInstanceId());
    }

    @Test
    void aStaticMemberRejoiningDuringSyncForcesANewRebalance() {
        CompletableFuture<JoinGroupResponse> leaderRejoin = h.join(5, joinRequest("g", leaderId, "a", protocols("range")));
        done(h.join(5, joinRequest("g", followerId, "b", protocols("range"))));
        assertEquals("CompletingRebalance", h.describe("g").groupState());
        done(leaderRejoin);
        CompletableFuture<JoinGroupResponse> restarted = h.join(5, joinRequest("g", "", "b", protocols("range")));
        assertEquals("PreparingRebalance", h.describe("g").groupState());
        assertFalse(restarted.isDone());
    }
}
