package io.spool.coordinator;

import io.spool.wire.message.DeleteGroupsRequest;
import io.spool.wire.message.DeleteGroupsResponse;
import io.spool.wire.message.DescribeGroupsRequest;
import io.spool.wire.message.DescribeGroupsResponse;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.ListGroupsRequest;
import io.spool.wire.message.ListGroupsResponse;
import io.spool.wire.message.OffsetCommitRequest;
import io.spool.wire.message.OffsetCommitResponse;
import io.spool.wire.message.OffsetDeleteRequest;
import io.spool.wire.message.OffsetDeleteResponse;
import io.spool.wire.message.OffsetFetchRequest;
import io.spool.wire.message.OffsetFetchResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.spool.coordinator.Harness.done;
import static io.spool.coordinator.Harness.joinRequest;
import static io.spool.coordinator.Harness.protocols;
import static io.spool.coordinator.Harness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OffsetCommit, OffsetFetch, OffsetDelete, DeleteGroups, ListGroups, DescribeGroups and offset retention. */
class OffsetsTest {
    private static final short NONE = CoordinatorError.NONE.code();

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
    void membersCommitAndFetchTheirOffsets() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 2);
        assertEquals(NONE, h.commit("g", g.leader(), g.generation(), "orders", 0, 42));
        assertEquals(NONE, h.commit("g", g.followers().get(0), g.generation(), "orders", 1, 7));
        assertEquals(42, h.committed("g", "orders", 0));
        assertEquals(7, h.committed("g", "orders", 1));
        assertEquals(-1, h.committed("g", "orders", 2));
        assertEquals(-1, h.committed("unknown-group", "orders", 0));

        OffsetFetchResponse all = done(h.coordinator.fetchOffsets(v(8), new OffsetFetchRequest().setGroups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId("g").setTopics(null)))));
        OffsetFetchResponse.OffsetFetchResponseTopics orders = all.groups().get(0).topics().get(0);
        assertEquals("orders", orders.name());
        assertEquals(List.of(0, 1), orders.partitions().stream().map(OffsetFetchResponse.OffsetFetchResponsePartitions::partitionIndex).toList());
        assertEquals("m42", orders.partitions().get(0).metadata());
    }

    @Test
    void commitsAreCheckedAgainstMembershipAndGeneration() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 1);
        assertEquals(CoordinatorError.ILLEGAL_GENERATION.code(), h.commit("g", g.leader(), g.generation() + 1, "orders", 0, 1));
        assertEquals(CoordinatorError.UNKNOWN_MEMBER_ID.code(), h.commit("g", "nobody", g.generation(), "orders", 0, 1));
        assertEquals(CoordinatorError.UNKNOWN_MEMBER_ID.code(), h.commit("g", "", -1, "orders", 0, 1),
                "a simple commit to a group with members");

        // A new member arrives: eager consumers commit before rejoining, which must still work.
        CompletableFuture<JoinGroupResponse> late = h.join(9, "g", h.memberId("g"));
        assertEquals(NONE, h.commit("g", g.leader(), g.generation(), "orders", 0, 2));
        JoinGroupResponse rejoined = done(h.join(9, "g", g.leader()));
        done(late);
        assertEquals(CoordinatorError.REBALANCE_IN_PROGRESS.code(),
                h.commit("g", g.leader(), rejoined.generationId(), "orders", 0, 3), "assignment still pending");
        assertEquals(2, h.committed("g", "orders", 0));
    }

    @Test
    void aCommitByGenerationMinusOneCreatesASimpleGroup() throws IOException {
        h = new Harness(dir);
        assertEquals(NONE, h.commit("simple", "", -1, "orders", 3, 99));
        assertEquals(99, h.committed("simple", "orders", 3));
        DescribeGroupsResponse.DescribedGroup described = h.describe("simple");
        assertEquals("Empty", described.groupState());
        assertEquals("", described.protocolType());
        assertEquals(CoordinatorError.ILLEGAL_GENERATION.code(), h.commit("missing", "m", 1, "orders", 0, 1));
        OffsetCommitResponse v9 = done(h.coordinator.commitOffsets(v(9), Harness.commitRequest("missing", "m", 1, "orders", 0, 1)));
        assertEquals(CoordinatorError.GROUP_ID_NOT_FOUND.code(), v9.topics().get(0).partitions().get(0).errorCode());
    }

    @Test
    void commitsForUnknownTopicsPartitionsOrIdsFailPerPartition() throws IOException {
        h = new Harness(dir);
        OffsetCommitRequest request = new OffsetCommitRequest().setGroupId("s").setGenerationIdOrMemberEpoch(-1)
                .setTopics(List.of(
                        topic("orders", 0, 3),
                        topic("orders", 4),
                        topic("no-such-topic", 0)));
        OffsetCommitResponse response = done(h.coordinator.commitOffsets(v(8), request));
        short unknown = CoordinatorError.UNKNOWN_TOPIC_OR_PARTITION.code();
        assertEquals(List.of(NONE, NONE), codes(response.topics().get(0)));
        assertEquals(List.of(unknown), codes(response.topics().get(1)));
        assertEquals(List.of(unknown), codes(response.topics().get(2)));
        assertEquals(-1, h.committed("s", "orders", 4));

        UUID ordersId = h.topics.topicId("orders").orElseThrow();
        OffsetCommitRequest byId = new OffsetCommitRequest().setGroupId("s").setGenerationIdOrMemberEpoch(-1)
                .setTopics(List.of(new OffsetCommitRequest.OffsetCommitRequestTopic().setTopicId(ordersId).setPartitions(List.of(
                                new OffsetCommitRequest.OffsetCommitRequestPartition().setPartitionIndex(1).setCommittedOffset(11))),
                        new OffsetCommitRequest.OffsetCommitRequestTopic().setTopicId(UUID.randomUUID()).setPartitions(List.of(
                                new OffsetCommitRequest.OffsetCommitRequestPartition().setPartitionIndex(0)))));
        OffsetCommitResponse v10 = done(h.coordinator.commitOffsets(v(10), byId));
        assertEquals(ordersId, v10.topics().get(0).topicId());
        assertEquals(List.of(NONE), codes(v10.topics().get(0)));
        assertEquals(List.of(CoordinatorError.UNKNOWN_TOPIC_ID.code()), codes(v10.topics().get(1)));
        assertEquals(11, h.committed("s", "orders", 1));
    }

    @Test
    void metadataLongerThanTheLimitIsRefused() throws IOException {
        h = new Harness(dir, Map.of("offset.metadata.max.bytes", "5"));
        OffsetCommitRequest request = new OffsetCommitRequest().setGroupId("s").setGenerationIdOrMemberEpoch(-1)
                .setTopics(List.of(new OffsetCommitRequest.OffsetCommitRequestTopic().setName("orders").setPartitions(List.of(
                        new OffsetCommitRequest.OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedMetadata("12345"),
                        new OffsetCommitRequest.OffsetCommitRequestPartition().setPartitionIndex(1).setCommittedMetadata("123456")))));
        OffsetCommitResponse response = done(h.coordinator.commitOffsets(v(8), request));
        assertEquals(List.of(NONE, CoordinatorError.OFFSET_METADATA_TOO_LARGE.code()), codes(response.topics().get(0)));
    }

    @Test
    void offsetFetchSpeaksEveryVersionsShape() throws IOException {
        h = new Harness(dir);
        h.commit("a", "", -1, "orders", 0, 5);
        h.commit("b", "", -1, "payments", 1, 6);

        OffsetFetchResponse v1 = done(h.coordinator.fetchOffsets(v(1), new OffsetFetchRequest().setGroupId("a")
                .setTopics(List.of(new OffsetFetchRequest.OffsetFetchRequestTopic().setName("orders").setPartitionIndexes(List.of(0, 1))))));
        assertEquals(5, v1.topics().get(0).partitions().get(0).committedOffset());
        assertEquals(-1, v1.topics().get(0).partitions().get(1).committedOffset());

        OffsetFetchResponse v7all = done(h.coordinator.fetchOffsets(v(7), new OffsetFetchRequest().setGroupId("b").setTopics(null)));
        assertEquals("payments", v7all.topics().get(0).name());
        assertEquals(6, v7all.topics().get(0).partitions().get(0).committedOffset());

        OffsetFetchResponse batched = done(h.coordinator.fetchOffsets(v(8), new OffsetFetchRequest().setGroups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId("a").setTopics(null),
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId("b").setTopics(null)))));
        assertEquals(5, batched.groups().get(0).topics().get(0).partitions().get(0).committedOffset());
        assertEquals(6, batched.groups().get(1).topics().get(0).partitions().get(0).committedOffset());

        UUID paymentsId = h.topics.topicId("payments").orElseThrow();
        OffsetFetchResponse v10 = done(h.coordinator.fetchOffsets(v(10), new OffsetFetchRequest().setGroups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId("b").setTopics(List.of(
                        new OffsetFetchRequest.OffsetFetchRequestTopics().setTopicId(paymentsId).setPartitionIndexes(List.of(1)),
                        new OffsetFetchRequest.OffsetFetchRequestTopics().setTopicId(UUID.randomUUID()).setPartitionIndexes(List.of(0))))))));
        OffsetFetchResponse.OffsetFetchResponseGroup group = v10.groups().get(0);
        assertEquals(6, group.topics().get(0).partitions().get(0).committedOffset());
        assertEquals(CoordinatorError.UNKNOWN_TOPIC_ID.code(), group.topics().get(1).partitions().get(0).errorCode());
        OffsetFetchResponse v10all = done(h.coordinator.fetchOffsets(v(10), new OffsetFetchRequest().setGroups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId("b").setTopics(null)))));
        assertEquals(paymentsId, v10all.groups().get(0).topics().get(0).topicId());
    }

    @Test
    void offsetDeleteRespectsWhatAConsumerGroupSubscribesTo() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 1);  // subscribed to "orders"
        h.commit("g", g.leader(), g.generation(), "orders", 0, 1);
        h.commit("g", g.leader(), g.generation(), "payments", 0, 2);
        OffsetDeleteResponse response = done(h.coordinator.deleteOffsets(v(0), deleteRequest("g", "orders", "payments", "gone")));
        assertEquals(NONE, response.errorCode());
        assertEquals(CoordinatorError.GROUP_SUBSCRIBED_TO_TOPIC.code(), response.topics().get(0).partitions().get(0).errorCode());
        assertEquals(NONE, response.topics().get(1).partitions().get(0).errorCode());
        assertEquals(CoordinatorError.UNKNOWN_TOPIC_OR_PARTITION.code(), response.topics().get(2).partitions().get(0).errorCode());
        assertEquals(1, h.committed("g", "orders", 0));
        assertEquals(-1, h.committed("g", "payments", 0));

        h.leave("g", g.leader());
        assertEquals(NONE, done(h.coordinator.deleteOffsets(v(0), deleteRequest("g", "orders"))).topics().get(0)
                .partitions().get(0).errorCode(), "an empty group's offsets may all go");
        assertEquals(-1, h.committed("g", "orders", 0));
        assertEquals(CoordinatorError.GROUP_ID_NOT_FOUND.code(),
                done(h.coordinator.deleteOffsets(v(0), deleteRequest("missing", "orders"))).errorCode());
    }

    @Test
    void offsetDeleteRefusesAGroupWithMembersOfAnotherProtocolType() throws IOException {
        h = new Harness(dir);
        JoinGroupResponse joined = done(h.join(3, joinRequest("connect-group", "", null, protocols("default"))
                .setProtocolType("connect")));
        assertEquals(NONE, joined.errorCode());
        assertEquals(CoordinatorError.NON_EMPTY_GROUP.code(),
                done(h.coordinator.deleteOffsets(v(0), deleteRequest("connect-group", "orders"))).errorCode());
    }

    @Test
    void deleteGroupsTakesOnlyEmptyGroupsAndTheirOffsets() throws IOException {
        h = new Harness(dir);
        Harness.Formed busy = h.form("busy", 1);
        h.commit("idle", "", -1, "orders", 0, 9);
        DeleteGroupsResponse response = done(h.coordinator.deleteGroups(v(2),
                new DeleteGroupsRequest().setGroupsNames(List.of("busy", "idle", "missing"))));
        Map<String, Short> codes = new java.util.HashMap<>();
        response.results().forEach(r -> codes.put(r.groupId(), r.errorCode()));
        assertEquals(CoordinatorError.NON_EMPTY_GROUP.code(), codes.get("busy"));
        assertEquals(NONE, codes.get("idle"));
        assertEquals(CoordinatorError.GROUP_ID_NOT_FOUND.code(), codes.get("missing"));
        assertEquals(-1, h.committed("idle", "orders", 0));
        assertEquals("Dead", h.describe("idle").groupState());
        assertEquals(NONE, h.heartbeat("busy", busy.leader(), busy.generation()));
    }

    @Test
    void listGroupsFiltersByStateAndType() throws IOException {
        h = new Harness(dir);
        h.form("stable", 1);
        h.commit("simple", "", -1, "orders", 0, 1);
        assertEquals(List.of("simple", "stable"), groupIds(list(3, List.of(), List.of())));
        assertEquals(List.of("stable"), groupIds(list(4, List.of("STABLE"), List.of())));
        assertEquals(List.of("simple"), groupIds(list(4, List.of("Empty"), List.of())));
        assertEquals(List.of("simple", "stable"), groupIds(list(5, List.of(), List.of("Classic"))));
        assertEquals(List.of(), groupIds(list(5, List.of(), List.of("consumer"))));
        ListGroupsResponse.ListedGroup stable = list(5, List.of("Stable"), List.of()).groups().get(0);
        assertEquals("consumer", stable.protocolType());
        assertEquals("classic", stable.groupType());
    }

    @Test
    void describeGroupsShowsMissingGroupsDeadAndFromVersionSixNotFound() throws IOException {
        h = new Harness(dir);
        DescribeGroupsResponse.DescribedGroup v5 = done(h.coordinator.describeGroups(v(5),
                new DescribeGroupsRequest().setGroups(List.of("missing")))).groups().get(0);
        assertEquals(NONE, v5.errorCode());
        assertEquals("Dead", v5.groupState());
        DescribeGroupsResponse.DescribedGroup v6 = done(h.coordinator.describeGroups(v(6),
                new DescribeGroupsRequest().setGroups(List.of("missing")))).groups().get(0);
        assertEquals(CoordinatorError.GROUP_ID_NOT_FOUND.code(), v6.errorCode());
        assertTrue(v6.errorMessage().contains("missing"));
    }

    @Test
    void anEmptyGroupsOffsetsExpireRetentionAfterItBecameEmpty() throws IOException {
        long retention = 60_000;
        h = new Harness(dir, Map.of("offsets.retention.minutes", "1", "offsets.retention.check.interval.ms", "1000"));
        Harness.Formed g = h.form("g", 1);
        h.commit("g", g.leader(), g.generation(), "orders", 0, 5);
        for (int i = 0; i < 30; i++) {
            h.advance(5_000);
            assertEquals(NONE, h.heartbeat("g", g.leader(), g.generation()));
        }
        assertEquals(5, h.committed("g", "orders", 0), "a stable group keeps the offsets of its subscribed topics");
        h.leave("g", g.leader());
        h.advance(retention - 1000);
        assertEquals(5, h.committed("g", "orders", 0), "the clock started when the group became empty");
        h.advance(1000);
        assertEquals(-1, h.committed("g", "orders", 0));
        assertEquals("Dead", h.describe("g").groupState(), "an empty group without offsets is deleted");
    }

    @Test
    void aStableConsumerGroupLosesOnlyOffsetsOfTopicsNobodySubscribes() throws IOException {
        h = new Harness(dir, Map.of("offsets.retention.minutes", "1", "offsets.retention.check.interval.ms", "1000"));
        Harness.Formed g = h.form("g", 1);
        h.commit("g", g.leader(), g.generation(), "orders", 0, 5);
        h.commit("g", g.leader(), g.generation(), "payments", 0, 6);
        for (int i = 0; i < 13; i++) {
            h.advance(5_000);
            assertEquals(NONE, h.heartbeat("g", g.leader(), g.generation()));
        }
        assertEquals(5, h.committed("g", "orders", 0));
        assertEquals(-1, h.committed("g", "payments", 0));
    }

    @Test
    void simpleGroupsAndOldClientsRetentionTimesExpireFromTheCommit() throws IOException {
        h = new Harness(dir, Map.of("offsets.retention.minutes", "10", "offsets.retention.check.interval.ms", "1000"));
        h.commit("simple", "", -1, "orders", 0, 1);
        OffsetCommitRequest withRetention = Harness.commitRequest("old", "", -1, "orders", 0, 2).setRetentionTimeMs(5_000);
        assertEquals(NONE, done(h.coordinator.commitOffsets(v(2), withRetention)).topics().get(0).partitions().get(0).errorCode());
        h.advance(5_000);
        assertEquals(-1, h.committed("old", "orders", 0), "its own retention time ran out");
        assertEquals(1, h.committed("simple", "orders", 0));
        h.advance(600_000);
        assertEquals(-1, h.committed("simple", "orders", 0));
        assertEquals("Dead", h.describe("simple").groupState());
    }

    @Test
    void offsetsOfDeletedTopicsAreForgotten() throws IOException {
        h = new Harness(dir);
        h.commit("s", "", -1, "orders", 0, 1);
        h.commit("s", "", -1, "payments", 0, 2);
        h.topics.remove("payments");
        done(h.coordinator.onTopicsDeleted(List.of("payments")));
        assertEquals(-1, h.committed("s", "payments", 0));
        assertEquals(1, h.committed("s", "orders", 0));
    }

    // ---- helpers ----

    private static OffsetCommitRequest.OffsetCommitRequestTopic topic(String name, int... partitions) {
        OffsetCommitRequest.OffsetCommitRequestTopic topic = new OffsetCommitRequest.OffsetCommitRequestTopic().setName(name);
        for (int p : partitions) {
            topic.partitions().add(new OffsetCommitRequest.OffsetCommitRequestPartition().setPartitionIndex(p).setCommittedOffset(p * 10L));
        }
        return topic;
    }

    private static List<Short> codes(OffsetCommitResponse.OffsetCommitResponseTopic topic) {
        return topic.partitions().stream().map(OffsetCommitResponse.OffsetCommitResponsePartition::errorCode).toList();
    }

    private static OffsetDeleteRequest deleteRequest(String group, String... topics) {
        OffsetDeleteRequest request = new OffsetDeleteRequest().setGroupId(group);
        for (String t : topics) {
            request.topics().add(new OffsetDeleteRequest.OffsetDeleteRequestTopic().setName(t).setPartitions(List.of(
                    new OffsetDeleteRequest.OffsetDeleteRequestPartition().setPartitionIndex(0))));
        }
        return request;
    }

    private ListGroupsResponse list(int version, List<String> states, List<String> types) {
        ListGroupsResponse response = done(h.coordinator.listGroups(v(version),
                new ListGroupsRequest().setStatesFilter(states).setTypesFilter(types)));
        assertEquals(NONE, response.errorCode());
        return response;
    }

    private static List<String> groupIds(ListGroupsResponse response) {
        return response.groups().stream().map(ListGroupsResponse.ListedGroup::groupId).toList();
    }
}
