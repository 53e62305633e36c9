package io.spool.broker.it;

import io.spool.broker.config.ConfigException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group requests over a raw socket: Kafka's answers and error codes, request by request. */
class GroupRequestsIT {
    private static final byte GROUP = 0;
    private static final byte TRANSACTION = 1;
    private static final byte SHARE = 2;

    @TempDir
    Path dataDir;

    @Test
    void coordinatorLookupsAnswerPerKeyType() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); RawClient client = new RawClient(broker.port())) {
            FindCoordinatorResponse first = client.roundTrip(findCoordinator(0, GROUP, "g"));
            assertEquals(Errors.COORDINATOR_NOT_AVAILABLE, first.error(), "the first lookup creates __consumer_offsets");
            awaitCoordinator(client);

            FindCoordinatorResponse v0 = client.roundTrip(findCoordinator(0, GROUP, "g"));
            assertEquals(Errors.NONE, v0.error());
            assertEquals(0, v0.data().nodeId());
            assertEquals(broker.port(), v0.data().port());

            FindCoordinatorResponse batched = client.roundTrip(new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                    .setKeyType(GROUP).setCoordinatorKeys(List.of("a", "b", ""))).build((short) 6));
            assertEquals(List.of("a", "b", ""), batched.data().coordinators().stream().map(Coordinator::key).toList());
            assertTrue(batched.data().coordinators().stream().allMatch(c -> c.errorCode() == 0 && c.port() == broker.port()));

            assertEquals(Errors.COORDINATOR_NOT_AVAILABLE, client.<FindCoordinatorResponse>roundTrip(findCoordinator(3, TRANSACTION, "tx")).error());
            assertEquals(Errors.COORDINATOR_NOT_AVAILABLE, keyError(client, 6, TRANSACTION, "tx"));
            assertEquals(Errors.COORDINATOR_NOT_AVAILABLE, keyError(client, 6, SHARE, "g:" + Uuid.randomUuid() + ":0"));
            assertEquals(Errors.INVALID_REQUEST, keyError(client, 6, SHARE, "g:not-an-id:0"));
            assertEquals(Errors.INVALID_REQUEST, keyError(client, 6, SHARE, ":" + Uuid.randomUuid() + ":0"));
            assertEquals(Errors.INVALID_REQUEST, keyError(client, 5, SHARE, "g:" + Uuid.randomUuid() + ":0"));
            assertEquals(Errors.INVALID_REQUEST, keyError(client, 6, (byte) 9, "g"));
        }
    }

    @Test
    void groupRequestsGetKafkasErrors() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); RawClient client = new RawClient(broker.port())) {
            awaitCoordinator(client);
            Await.until("every partition of __consumer_offsets loaded", () -> {
                ListGroupsResponse listed = roundTrip(client, new ListGroupsRequest.Builder(new ListGroupsRequestData()).build((short) 4));
                return listed.data().errorCode() == Errors.NONE.code();
            });
            JoinGroupResponse emptyId = client.roundTrip(join("", "", 10_000).build((short) 9));
            assertEquals(Errors.INVALID_GROUP_ID, emptyId.error());
            JoinGroupResponse shortSession = client.roundTrip(join("g", "", 1_000).build((short) 9));
            assertEquals(Errors.INVALID_SESSION_TIMEOUT, shortSession.error());
            JoinGroupResponse newMember = client.roundTrip(join("g", "", 10_000).build((short) 9));
            assertEquals(Errors.MEMBER_ID_REQUIRED, newMember.error());
            assertFalse(newMember.data().memberId().isEmpty(), "the member is given an id to join with");

            SyncGroupResponse noProtocol = client.roundTrip(new SyncGroupRequest.Builder(new SyncGroupRequestData()
                    .setGroupId("g").setMemberId(newMember.data().memberId()).setGenerationId(1)
                    .setProtocolType(null).setProtocolName(null)).build((short) 5));
            assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, noProtocol.error());

            HeartbeatResponse stranger = client.roundTrip(new HeartbeatRequest.Builder(new HeartbeatRequestData()
                    .setGroupId("g").setMemberId("stranger").setGenerationId(1)).build((short) 4));
            assertEquals(Errors.UNKNOWN_MEMBER_ID, stranger.error());

            OffsetCommitResponse commit = client.roundTrip(OffsetCommitRequest.Builder.forTopicNames(new OffsetCommitRequestData()
                    .setGroupId("offsets-only").setGenerationIdOrMemberEpoch(-1).setTopics(List.of(new OffsetCommitRequestTopic()
                            .setName("no-such-topic").setPartitions(List.of(new OffsetCommitRequestPartition()
                                    .setPartitionIndex(0).setCommittedOffset(5)))))).build((short) 8));
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION,
                    Errors.forCode(commit.data().topics().get(0).partitions().get(0).errorCode()));

            DescribeGroupsResponse described = client.roundTrip(new DescribeGroupsRequest.Builder(new DescribeGroupsRequestData()
                    .setGroups(List.of("nobody"))).build((short) 6));
            assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), described.data().groups().get(0).errorCode());

            DeleteGroupsResponse deleted = client.roundTrip(new DeleteGroupsRequest.Builder(new DeleteGroupsRequestData()
                    .setGroupsNames(List.of("nobody"))).build((short) 2));
            assertEquals(Errors.GROUP_ID_NOT_FOUND, deleted.get("nobody"));
        }
    }

    @Test
    void consumerOffsetsIsInternalAndProtected() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); RawClient client = new RawClient(broker.port())) {
            awaitCoordinator(client);
            MetadataResponse metadata = client.roundTrip(new MetadataRequest.Builder(List.of("__consumer_offsets"), false).build((short) 12));
            MetadataResponse.TopicMetadata offsets = metadata.topicMetadata().iterator().next();
            assertTrue(offsets.isInternal());
            assertEquals(50, offsets.partitionMetadata().size());

            DeleteTopicsResponse delete = client.roundTrip(new DeleteTopicsRequest.Builder(new DeleteTopicsRequestData()
                    .setTopicNames(List.of("__consumer_offsets")).setTimeoutMs(10_000)).build((short) 5));
            assertEquals(Errors.INVALID_REQUEST.code(), delete.data().responses().find("__consumer_offsets").errorCode());

            MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("k".getBytes(), "v".getBytes()));
            ProduceResponse produce = client.roundTrip(Requests.produce("__consumer_offsets", 0, records, (short) 1, (short) 11));
            assertEquals(Errors.INVALID_TOPIC_EXCEPTION.code(),
                    produce.data().responses().iterator().next().partitionResponses().get(0).errorCode());
        }
    }

    @Test
    void aReplicationFactorOneBrokerCannotMeetIsExplained() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir, "offsets.topic.replication.factor", "3");
             RawClient client = new RawClient(broker.port())) {
            Await.until("the lookup to name the setting", () -> {
                FindCoordinatorResponse response = GroupRequestsIT.roundTrip(client, findCoordinator(3, GROUP, "g"));
                assertEquals(Errors.COORDINATOR_NOT_AVAILABLE, response.error());
                return response.data().errorMessage().contains("offsets.topic.replication.factor");
            });
            MetadataResponse metadata = client.roundTrip(new MetadataRequest.Builder(List.of("__consumer_offsets"), true).build((short) 12));
            assertEquals(Errors.LEADER_NOT_AVAILABLE, metadata.errors().get("__consumer_offsets"));
            assertTrue(broker.broker().config().isSet("offsets.topic.replication.factor"));
        }
    }

    @Test
    void invalidGroupSettingsStopTheStart() {
        ConfigException sessions = assertThrows(ConfigException.class, () -> TestBroker.start(dataDir,
                "group.min.session.timeout.ms", "10000", "group.max.session.timeout.ms", "5000"));
        assertTrue(sessions.getMessage().contains("group.min.session.timeout.ms"), sessions.getMessage());
        ConfigException segments = assertThrows(ConfigException.class, () -> TestBroker.start(dataDir, "offsets.topic.segment.bytes", "10"));
        assertTrue(segments.getMessage().contains("offsets.topic.segment.bytes"), segments.getMessage());
    }

    private static FindCoordinatorRequest findCoordinator(int version, byte keyType, String key) {
        return new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData().setKeyType(keyType).setKey(key)).build((short) version);
    }

    private static Errors keyError(RawClient client, int version, byte keyType, String key) throws Exception {
        FindCoordinatorResponse response = client.roundTrip(findCoordinator(version, keyType, key));
        return Errors.forCode(response.data().coordinators().get(0).errorCode());
    }

    private static void awaitCoordinator(RawClient client) throws InterruptedException {
        Await.until("the group coordinator", () ->
                GroupRequestsIT.<FindCoordinatorResponse>roundTrip(client, findCoordinator(3, GROUP, "g")).error() == Errors.NONE);
    }

    private static <R extends AbstractResponse> R roundTrip(RawClient client, AbstractRequest request) {
        try {
            return client.roundTrip(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JoinGroupRequest.Builder join(String groupId, String memberId, int sessionTimeoutMs) {
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(new byte[0]));
        return new JoinGroupRequest.Builder(new JoinGroupRequestData().setGroupId(groupId).setMemberId(memberId)
                .setSessionTimeoutMs(sessionTimeoutMs).setRebalanceTimeoutMs(10_000).setProtocolType("consumer")
                .setProtocols(protocols));
    }
}
