package io.spool.coordinator;

import io.spool.wire.message.DescribeGroupsResponse;
import io.spool.wire.message.JoinGroupRequest;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.LeaveGroupRequest;
import io.spool.wire.message.LeaveGroupResponse;
import io.spool.wire.message.SyncGroupRequest;
import io.spool.wire.message.SyncGroupResponse;
import org.junit.jupiter.api.AfterEach;
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

/** The classic group protocol's join, sync, heartbeat and leave flows, driven by a manual clock. */
class GroupMembershipTest {
    private static final short NONE = CoordinatorError.NONE.code();
    private static final short REBALANCE_IN_PROGRESS = CoordinatorError.REBALANCE_IN_PROGRESS.code();
    private static final short UNKNOWN_MEMBER_ID = CoordinatorError.UNKNOWN_MEMBER_ID.code();
    private static final short ILLEGAL_GENERATION = CoordinatorError.ILLEGAL_GENERATION.code();

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
    void aMemberWithoutIdIsGivenOneAndJoinsWithIt() throws IOException {
        h = new Harness(dir);
        JoinGroupResponse first = done(h.join(9, "g", ""));
        assertEquals(CoordinatorError.MEMBER_ID_REQUIRED.code(), first.errorCode());
        assertTrue(first.memberId().startsWith("client-"), first.memberId());

        JoinGroupResponse joined = done(h.join(9, "g", first.memberId()));
        assertEquals(NONE, joined.errorCode());
        assertEquals(first.memberId(), joined.memberId());
        assertEquals(1, joined.generationId());
        assertEquals(first.memberId(), joined.leader());
        assertEquals("range", joined.protocolName());
        assertEquals("consumer", joined.protocolType());
        assertEquals(1, joined.members().size());
        assertArrayEquals(Harness.subscription("orders"), joined.members().get(0).metadata());
        assertEquals("CompletingRebalance", h.describe("g").groupState());

        SyncGroupResponse synced = done(h.sync("g", first.memberId(), 1, Map.of(first.memberId(), bytes("p0"))));
        assertEquals(NONE, synced.errorCode());
        assertArrayEquals(bytes("p0"), synced.assignment());
        assertEquals("range", synced.protocolName());
        DescribeGroupsResponse.DescribedGroup described = h.describe("g");
        assertEquals("Stable", described.groupState());
        assertEquals("range", described.protocolData());
        assertArrayEquals(bytes("p0"), described.members().get(0).memberAssignment());
        assertEquals("/127.0.0.1", described.members().get(0).clientHost());
    }

    @Test
    void beforeVersionFourTheFirstJoinAlreadyJoins() throws IOException {
        h = new Harness(dir);
        JoinGroupResponse joined = done(h.join(3, "g", ""));
        assertEquals(NONE, joined.errorCode());
        assertFalse(joined.memberId().isEmpty());
        assertEquals(1, joined.generationId());
        assertEquals(joined.memberId(), joined.leader());
    }

    @Test
    void membersJoiningTogetherShareOneGenerationAndOnlyTheLeaderSeesTheMembers() throws IOException {
        h = new Harness(dir);
        String a = h.memberId("g");
        String b = h.memberId("g");
        String c = h.memberId("g");
        CompletableFuture<JoinGroupResponse> ja = h.join(9, "g", a);
        CompletableFuture<JoinGroupResponse> jb = h.join(9, "g", b);
        assertFalse(ja.isDone(), "the join phase waits for the members that were given ids");
        assertFalse(jb.isDone());
        CompletableFuture<JoinGroupResponse> jc = h.join(9, "g", c);

        JoinGroupResponse leader = done(ja);
        assertEquals(a, leader.leader(), "the first member to join leads");
        assertEquals(3, leader.members().size());
        for (CompletableFuture<JoinGroupResponse> follower : List.of(jb, jc)) {
            assertEquals(1, done(follower).generationId());
            assertEquals(a, done(follower).leader());
            assertTrue(done(follower).members().isEmpty());
        }

        CompletableFuture<SyncGroupResponse> sb = h.sync("g", b, 1, Map.of());
        CompletableFuture<SyncGroupResponse> sc = h.sync("g", c, 1, Map.of());
        assertFalse(sb.isDone(), "followers wait for the leader's assignment");
        SyncGroupResponse sa = done(h.sync("g", a, 1, Map.of(a, bytes("A"), b, bytes("B"))));
        assertArrayEquals(bytes("A"), sa.assignment());
        assertArrayEquals(bytes("B"), done(sb).assignment());
        assertEquals(0, done(sc).assignment().length, "a member the leader left out gets an empty assignment");
        assertEquals("Stable", h.describe("g").groupState());
    }

    @Test
    void initialRebalanceDelayWaitsWhileMembersKeepArriving() throws IOException {
        h = new Harness(dir, Map.of("group.initial.rebalance.delay.ms", "3000"));
        CompletableFuture<JoinGroupResponse> ja = h.join(3, "g", "");
        h.advance(2000);
        CompletableFuture<JoinGroupResponse> jb = h.join(3, "g", "");
        h.advance(1000);
        assertFalse(ja.isDone(), "a member arrived during the delay: it is extended");
        h.advance(2999);
        assertFalse(ja.isDone());
        h.advance(1);
        assertEquals(2, done(ja).members().size());
        assertEquals(done(ja).generationId(), done(jb).generationId());
    }

    @Test
    void aRebalanceWaitsForEveryMemberAndHeartbeatsAnswerRebalanceInProgress() throws IOException {
        h = new Harness(dir);
        Harness.Formed g1 = h.form("g", 2);
        String late = h.memberId("g");
        CompletableFuture<JoinGroupResponse> lateJoin = h.join(9, "g", late);
        assertEquals("PreparingRebalance", h.describe("g").groupState());
        for (String id : g1.memberIds()) {
            assertEquals(REBALANCE_IN_PROGRESS, h.heartbeat("g", id, g1.generation()));
        }
        assertEquals(REBALANCE_IN_PROGRESS, done(h.sync("g", g1.leader(), g1.generation(), Map.of())).errorCode());
        CompletableFuture<JoinGroupResponse> leaderRejoin = h.join(9, "g", g1.leader());
        assertFalse(lateJoin.isDone());
        JoinGroupResponse follower = done(h.join(9, "g", g1.followers().get(0)));
        assertEquals(g1.generation() + 1, follower.generationId());
        assertEquals(3, done(leaderRejoin).members().size());
        assertEquals(g1.leader(), done(lateJoin).leader());
        assertEquals(ILLEGAL_GENERATION, h.heartbeat("g", late, g1.generation()));
        assertEquals(NONE, h.heartbeat("g", late, g1.generation() + 1), "heartbeats while completing are fine");
    }

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedAndTheRestRebalance() throws IOException {
        h = new Harness(dir);
        Harness.Formed g1 = h.form("g", 2);
        String survivor = g1.followers().get(0);
        h.advance(Harness.SESSION_MS - 1);
        assertEquals(NONE, h.heartbeat("g", survivor, g1.generation()));
        assertEquals("Stable", h.describe("g").groupState());
        h.advance(1);
        assertEquals("PreparingRebalance", h.describe("g").groupState(), "the leader's session expired");
        assertEquals(REBALANCE_IN_PROGRESS, h.heartbeat("g", survivor, g1.generation()));
        JoinGroupResponse rejoined = done(h.join(9, "g", survivor));
        assertEquals(survivor, rejoined.leader(), "the leader left: the member that rejoined leads");
        assertEquals(1, rejoined.members().size());
        assertEquals(UNKNOWN_MEMBER_ID, h.heartbeat("g", g1.leader(), g1.generation()));
    }

    @Test
    void aRebalanceTimeoutDropsMembersThatDidNotRejoin() throws IOException {
        h = new Harness(dir);
        Harness.Formed g1 = h.form("g", 2);
        String stray = g1.followers().get(0);
        CompletableFuture<JoinGroupResponse> leaderRejoin = h.join(9, "g", g1.leader());
        for (int elapsed = 0; elapsed < Harness.REBALANCE_MS; elapsed += 5000) {
            assertEquals(REBALANCE_IN_PROGRESS, h.heartbeat("g", stray, g1.generation()));
            assertFalse(leaderRejoin.isDone());
            h.advance(5000);
        }
        assertEquals(1, done(leaderRejoin).members().size());
        assertEquals(UNKNOWN_MEMBER_ID, h.heartbeat("g", stray, g1.generation()));
    }

    @Test
    void membersThatNeverSyncAreRemovedAfterTheRebalanceTimeout() throws IOException {
        h = new Harness(dir);
        String a = h.memberId("g");
        String b = h.memberId("g");
        CompletableFuture<JoinGroupResponse> ja = h.join(9, "g", a);
        done(h.join(9, "g", b));
        int generation = done(ja).generationId();
        done(h.sync("g", a, generation, Map.of(a, bytes("A"), b, bytes("B"))));
        assertEquals("Stable", h.describe("g").groupState());
        for (int elapsed = 0; elapsed <= Harness.REBALANCE_MS; elapsed += 5000) {
            h.heartbeat("g", a, generation);
            h.heartbeat("g", b, generation);
            h.advance(5000);
        }
        assertEquals("PreparingRebalance", h.describe("g").groupState(), "b never collected its assignment");
        assertEquals(UNKNOWN_MEMBER_ID, h.heartbeat("g", b, generation));
    }

    @Test
    void aPendingMemberThatNeverJoinsIsForgotten() throws IOException {
        h = new Harness(dir);
        Harness.Formed g1 = h.form("g", 1);
        String pending = h.memberId("g");
        h.advance(Harness.SESSION_MS / 2);
        assertEquals(NONE, h.heartbeat("g", g1.leader(), g1.generation()));
        h.advance(Harness.SESSION_MS / 2);
        assertEquals(UNKNOWN_MEMBER_ID, done(h.join(9, "g", pending)).errorCode());
        assertEquals("Stable", h.describe("g").groupState(), "a pending member alone never starts a rebalance");
    }

    @Test
    void theLastMemberLeavingEmptiesTheGroupInANewGeneration() throws IOException {
        h = new Harness(dir);
        Harness.Formed g1 = h.form("g", 2);
        LeaveGroupResponse left = h.leave("g", g1.leader());
        assertEquals(NONE, left.members().get(0).errorCode());
        JoinGroupResponse rejoined = done(h.join(9, "g", g1.followers().get(0)));
        assertEquals(g1.followers().get(0), rejoined.leader());
        h.leave("g", g1.followers().get(0));
        DescribeGroupsResponse.DescribedGroup empty = h.describe("g");
        assertEquals("Empty", empty.groupState());
        assertTrue(empty.members().isEmpty());
        assertEquals(UNKNOWN_MEMBER_ID, h.leave("g", "nobody").members().get(0).errorCode());
    }

    @Test
    void leaveGroupBeforeVersionThreeAnswersAtTheTopLevel() throws IOException {
        h = new Harness(dir);
        Harness.Formed g1 = h.form("g", 1);
        LeaveGroupResponse unknown = done(h.coordinator.leaveGroup(v(2),
                new LeaveGroupRequest().setGroupId("g").setMemberId("nobody")));
        assertEquals(UNKNOWN_MEMBER_ID, unknown.errorCode());
        LeaveGroupResponse left = done(h.coordinator.leaveGroup(v(1),
                new LeaveGroupRequest().setGroupId("g").setMemberId(g1.leader())));
        assertEquals(NONE, left.errorCode());
        assertEquals("Empty", h.describe("g").groupState());
    }

    @Test
    void aFollowerRejoiningAStableGroupUnchangedGetsTheCurrentGenerationButTheLeaderForcesARebalance() throws IOException {
        h = new Harness(dir);
        Harness.Formed g1 = h.form("g", 2);
        JoinGroupResponse follower = done(h.join(9, "g", g1.followers().get(0)));
        assertEquals(g1.generation(), follower.generationId());
        assertEquals("Stable", h.describe("g").groupState());

        CompletableFuture<JoinGroupResponse> leader = h.join(9, "g", g1.leader());
        assertEquals("PreparingRebalance", h.describe("g").groupState());
        done(h.join(9, "g", g1.followers().get(0)));
        assertEquals(g1.generation() + 1, done(leader).generationId());
    }

    @Test
    void cooperativeMembersRebalanceRepeatedlyAndOldGenerationsAreFenced() throws IOException {
        h = new Harness(dir);
        List<JoinGroupRequest.JoinGroupRequestProtocol> cooperative = protocols("cooperative-sticky", "range");
        String a = h.memberId("g");
        JoinGroupResponse j1 = done(h.join(9, joinRequest("g", a, null, cooperative)));
        done(h.sync("g", a, j1.generationId(), Map.of(a, bytes("all"))));
        assertEquals("cooperative-sticky", j1.protocolName());

        // A second member arrives: first rebalance, the leader revokes what moves.
        String b = h.memberId("g");
        CompletableFuture<JoinGroupResponse> jb = h.join(9, joinRequest("g", b, null, cooperative));
        JoinGroupResponse j2 = done(h.join(9, joinRequest("g", a, null, cooperative)));
        assertEquals(j1.generationId() + 1, j2.generationId());
        done(jb);
        CompletableFuture<SyncGroupResponse> sb = h.sync("g", b, j2.generationId(), Map.of());
        done(h.sync("g", a, j2.generationId(), Map.of(a, bytes("half"), b, bytes(""))));
        done(sb);

        // Cooperative clients rejoin right away, their metadata now listing what they own: a second rebalance.
        List<JoinGroupRequest.JoinGroupRequestProtocol> owning = List.of(new JoinGroupRequest.JoinGroupRequestProtocol()
                .setName("cooperative-sticky").setMetadata(Harness.subscription("orders", "payments")));
        CompletableFuture<JoinGroupResponse> jb3 = h.join(9, joinRequest("g", b, null, owning));
        assertEquals("PreparingRebalance", h.describe("g").groupState());
        JoinGroupResponse j3 = done(h.join(9, joinRequest("g", a, null, cooperative)));
        assertEquals(j2.generationId() + 1, j3.generationId());
        assertEquals(j3.generationId(), done(jb3).generationId());
        assertEquals(ILLEGAL_GENERATION, done(h.sync("g", b, j2.generationId(), Map.of())).errorCode());
        assertEquals(ILLEGAL_GENERATION, h.commit("g", b, j2.generationId(), "orders", 0, 5));
    }

    @Test
    void theProtocolIsTheOneMostMembersPreferAmongThoseAllSupport() throws IOException {
        h = new Harness(dir);
        String a = h.memberId("g");
        String b = h.memberId("g");
        String c = h.memberId("g");
        CompletableFuture<JoinGroupResponse> ja = h.join(9, joinRequest("g", a, null, protocols("range", "roundrobin", "sticky")));
        h.join(9, joinRequest("g", b, null, protocols("roundrobin", "range")));
        h.join(9, joinRequest("g", c, null, protocols("sticky", "roundrobin", "range")));
        // sticky is not supported by b; of range and roundrobin, two members prefer roundrobin.
        assertEquals("roundrobin", done(ja).protocolName());
    }

    @Test
    void aJoinWithoutAProtocolInCommonOrOfAnotherTypeIsInconsistent() throws IOException {
        h = new Harness(dir);
        h.form("g", 1);
        JoinGroupResponse otherProtocol = done(h.join(9, joinRequest("g", h.memberId("g"), null, protocols("roundrobin"))));
        assertEquals(CoordinatorError.INCONSISTENT_GROUP_PROTOCOL.code(), otherProtocol.errorCode());
        JoinGroupResponse otherType = done(h.join(9, joinRequest("g", h.memberId("g"), null, protocols("range"))
                .setProtocolType("connect")));
        assertEquals(CoordinatorError.INCONSISTENT_GROUP_PROTOCOL.code(), otherType.errorCode());
        JoinGroupResponse noProtocols = done(h.join(9, joinRequest("other", "", null, List.of())));
        assertEquals(CoordinatorError.INCONSISTENT_GROUP_PROTOCOL.code(), noProtocols.errorCode());
        assertEquals("Dead", h.describe("other").groupState(), "a refused first join leaves no group behind");
    }

    @Test
    void syncGroupChecksProtocolNameGenerationAndMember() throws IOException {
        h = new Harness(dir);
        Harness.Formed g1 = h.form("g", 1);
        SyncGroupResponse wrongName = done(h.coordinator.syncGroup(v(5), new SyncGroupRequest().setGroupId("g")
                .setMemberId(g1.leader()).setGenerationId(g1.generation()).setProtocolType("consumer")
                .setProtocolName("roundrobin")));
        assertEquals(CoordinatorError.INCONSISTENT_GROUP_PROTOCOL.code(), wrongName.errorCode());
        assertEquals(ILLEGAL_GENERATION, done(h.sync("g", g1.leader(), g1.generation() + 1, Map.of())).errorCode());
        assertEquals(UNKNOWN_MEMBER_ID, done(h.sync("g", "nobody", g1.generation(), Map.of())).errorCode());
        assertEquals(UNKNOWN_MEMBER_ID, done(h.sync("missing", "nobody", 1, Map.of())).errorCode());
        SyncGroupResponse stable = done(h.sync("g", g1.leader(), g1.generation(), Map.of()));
        assertArrayEquals(bytes(g1.leader()), stable.assignment(), "a stable group hands out the current assignment");
    }

    @Test
    void groupMaxSizeRefusesNewMembers() throws IOException {
        h = new Harness(dir, Map.of("group.max.size", "2"));
        Harness.Formed g1 = h.form("g", 2);
        JoinGroupResponse third = done(h.join(9, "g", ""));
        assertEquals(CoordinatorError.GROUP_MAX_SIZE_REACHED.code(), third.errorCode());
        assertEquals("", third.memberId());
        assertEquals(NONE, h.heartbeat("g", g1.leader(), g1.generation()));
    }

    @Test
    void sessionTimeoutsOutsideTheBrokersBoundsAreRefused() throws IOException {
        h = new Harness(dir);
        for (int session : new int[] {5999, 1_800_001}) {
            JoinGroupResponse r = done(h.join(9, joinRequest("g", "", null, protocols("range")).setSessionTimeoutMs(session)));
            assertEquals(CoordinatorError.INVALID_SESSION_TIMEOUT.code(), r.errorCode());
        }
    }

    @Test
    void joinVersionsBeforeSevenNeverCarryANullProtocolName() throws IOException {
        h = new Harness(dir);
        JoinGroupResponse v6 = done(h.join(6, "g", "bogus"));
        assertEquals(UNKNOWN_MEMBER_ID, v6.errorCode());
        assertEquals("", v6.protocolName());
        JoinGroupResponse v7 = done(h.join(7, "g", "bogus"));
        assertEquals(null, v7.protocolName());
        assertNotEquals(NONE, v7.errorCode());
    }
}
