package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spool.compat.Await;
import io.spool.compat.NumberedRecords;
import io.spool.compat.PartitionReader;
import io.spool.compat.SpoolBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceDataCollection;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.MetadataResponse.PartitionMetadata;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests a replicated cluster must refuse the way Kafka does, over raw sockets: a Fetch claiming a replica id
 * that is no replica, produce and fetch sent to a broker that does not lead the partition, and leader epochs
 * older or newer than the leader's. Each is answered with Kafka's error, and nothing reaches the log: the
 * replicas stay byte-identical and stock clients read what they wrote.
 */
class ReplicaRequestsBadInputIT {
    private static final String TOPIC = "bad-replica-requests";
    private static final int RECORDS = 100;
    private static final int NOT_A_BROKER = 99;

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    private static PartitionMetadata partition;
    private static SpoolBroker leader;
    private static SpoolBroker follower;
    private static SpoolBroker outsider;

    /** Replication factor 2, so one broker holds no replica; one leader change, so the leader epoch is above 0. */
    @BeforeAll
    static void topicWithABumpedLeaderEpoch() {
        SpoolCluster c = CLUSTER.cluster();
        c.createTopic(TOPIC, 1, 2, Map.of());
        NumberedRecords.send(c.bootstrapServers(), TOPIC, 1, 0, RECORDS);
        int first = c.partition(TOPIC, 0).orElseThrow().leader();
        c.broker(first).stop();
        c.awaitNewLeader(TOPIC, 0, first);
        c.broker(first).restart();
        PartitionView view = c.awaitPartition(TOPIC, 0, "fully in sync", PartitionView::fullyInSync);
        leader = c.broker(view.leader());
        follower = c.broker(view.followers().get(0));
        outsider = c.nodeIds().stream().filter(id -> !view.replicas().contains(id)).map(c::broker).findFirst()
                .orElseThrow();
        Await.until("the leader to report a leader epoch above 0", SpoolCluster.CONVERGE_TIMEOUT, () -> {
            partition = metadata();
            return partition.leaderEpoch.orElse(0) > 0 && partition.leaderId.orElse(-1) == view.leader();
        });
    }

    @Test
    void fetchClaimingAReplicaIdThatIsNoReplicaIsRefused() {
        for (int claimed : List.of(NOT_A_BROKER, outsider.nodeId())) {
            assertEquals(Errors.NOT_LEADER_OR_FOLLOWER, replicaFetchError(claimed, Optional.empty()),
                    "replica fetch claiming id " + claimed + " without a leader epoch");
            assertEquals(Errors.UNKNOWN_LEADER_EPOCH, replicaFetchError(claimed, Optional.of(epoch())),
                    "replica fetch claiming id " + claimed + " in the current leader epoch");
        }
        assertLogIntact();
    }

    @Test
    void produceToABrokerThatDoesNotLeadIsRefusedWithTheCurrentLeader() {
        for (SpoolBroker notLeader : List.of(follower, outsider)) {
            PartitionProduceResponse answer = produce(notLeader, records(RecordBatch.NO_PARTITION_LEADER_EPOCH));
            assertEquals(Errors.NOT_LEADER_OR_FOLLOWER, Errors.forCode(answer.errorCode()),
                    "produce to broker " + notLeader.nodeId());
            assertEquals(leader.nodeId(), answer.currentLeader().leaderId(), "current leader in the answer (v10+)");
            assertEquals(epoch(), answer.currentLeader().leaderEpoch(), "current leader epoch in the answer");
        }
        assertLogIntact();
    }

    @Test
    void fetchFromABrokerThatDoesNotLeadIsRefused() {
        assertEquals(Errors.NOT_LEADER_OR_FOLLOWER, Errors.forCode(consumerFetch(outsider, (short) 12,
                Optional.empty()).errorCode()), "v12 fetch from a broker holding no replica");
        assertEquals(Errors.NOT_LEADER_OR_FOLLOWER, Errors.forCode(consumerFetch(follower, (short) 10,
                Optional.empty()).errorCode()), "v10 fetch (before fetching from followers) from a follower");
        assertLogIntact();
    }

    @Test
    void staleLeaderEpochIsFencedAndNewerIsUnknown() {
        Map<Integer, Errors> expected = Map.of(epoch() - 1, Errors.FENCED_LEADER_EPOCH,
                epoch() + 1, Errors.UNKNOWN_LEADER_EPOCH, epoch(), Errors.NONE);
        expected.forEach((epoch, error) -> {
            assertEquals(error, Errors.forCode(consumerFetch(leader, (short) 12, Optional.of(epoch)).errorCode()),
                    "fetch with current leader epoch " + epoch);
            assertEquals(error, listOffsetsError(epoch), "ListOffsets with current leader epoch " + epoch);
            assertEquals(error, offsetForLeaderEpochError(epoch), "OffsetForLeaderEpoch with current leader epoch "
                    + epoch);
        });
        assertLogIntact();
    }

    /** Produce carries no current epoch; the epoch a client writes into its batch is replaced by the leader's. */
    @Test
    void batchStampedWithAWrongLeaderEpochIsStoredWithTheLeadersEpoch() {
        long before = endOffset();
        for (int stamped : List.of(epoch() - 1, epoch() + 5)) {
            assertEquals(Errors.NONE, Errors.forCode(produce(leader, records(stamped)).errorCode()),
                    "produce of a batch stamped with epoch " + stamped);
        }
        Await.until("the two batches to be committed", SpoolCluster.CONVERGE_TIMEOUT, () -> endOffset() == before + 2);
        FetchResponseData.PartitionData fetched = consumerFetchAt(leader, before);
        List<Integer> epochs = new ArrayList<>();
        for (RecordBatch batch : FetchResponse.recordsOrFail(fetched).batches()) {
            epochs.add(batch.partitionLeaderEpoch());
        }
        assertEquals(List.of(epoch(), epoch()), epochs, "leader epochs of the stored batches");
        assertLogIntact();
    }

    /** The leader's and the follower's segments hold the same bytes, and a stock consumer reads the log. */
    private static void assertLogIntact() {
        Await.until("leader and follower segments to hold the same bytes", SpoolCluster.CONVERGE_TIMEOUT,
                () -> Arrays.equals(ReplicaLogs.bytes(leader, TOPIC, 0), ReplicaLogs.bytes(follower, TOPIC, 0)));
        int read = PartitionReader.readAll(CLUSTER.cluster().bootstrapServers(),
                PartitionReader.partitions(TOPIC, 1)).size();
        assertEquals(endOffset(), read, "a stock consumer reads every record up to the high watermark");
        assertTrue(read >= RECORDS, "the records sent at the start are there");
    }

    private static int epoch() {
        return partition.leaderEpoch.orElseThrow();
    }

    private static MetadataResponse.PartitionMetadata metadata() {
        try (WireClient client = new WireClient(leader.host(), leader.port())) {
            MetadataResponse response = client.call(new MetadataRequest.Builder(List.of(TOPIC), false).build((short) 12));
            return response.topicMetadata().iterator().next().partitionMetadata().get(0);
        }
    }

    private static long endOffset() {
        ListOffsetsResponse response = listOffsets(Optional.empty());
        return response.data().topics().get(0).partitions().get(0).offset();
    }

    private static Errors replicaFetchError(int replicaId, Optional<Integer> currentEpoch) {
        FetchResponseData.PartitionData answer = fetch(leader, FetchRequest.Builder.forReplica((short) 12, replicaId,
                -1, 0, 0, fetchData(0, currentEpoch)), (short) 12);
        assertEquals(0, FetchResponse.recordsSize(answer), "records for a replica id that is no replica");
        return Errors.forCode(answer.errorCode());
    }

    private static FetchResponseData.PartitionData consumerFetch(SpoolBroker broker, short version,
                                                                  Optional<Integer> currentEpoch) {
        return fetch(broker, FetchRequest.Builder.forConsumer(version, 0, 0, fetchData(0, currentEpoch)), version);
    }

    private static FetchResponseData.PartitionData consumerFetchAt(SpoolBroker broker, long offset) {
        return fetch(broker, FetchRequest.Builder.forConsumer((short) 12, 0, 0, fetchData(offset, Optional.empty())),
                (short) 12);
    }

    private static Map<TopicPartition, FetchRequest.PartitionData> fetchData(long offset, Optional<Integer> epoch) {
        Map<TopicPartition, FetchRequest.PartitionData> data = new LinkedHashMap<>();
        data.put(new TopicPartition(TOPIC, 0), new FetchRequest.PartitionData(Uuid.ZERO_UUID, offset, -1,
                1024 * 1024, epoch));
        return data;
    }

    private static FetchResponseData.PartitionData fetch(SpoolBroker broker, FetchRequest.Builder builder,
                                                         short version) {
        try (WireClient client = new WireClient(broker.host(), broker.port())) {
            FetchResponse response = client.call(builder.build(version));
            assertEquals(Errors.NONE, response.error(), "top-level fetch error");
            return response.data().responses().get(0).partitions().get(0);
        }
    }

    private static ListOffsetsResponse listOffsets(Optional<Integer> currentEpoch) {
        ListOffsetsPartition p = new ListOffsetsPartition().setPartitionIndex(0)
                .setTimestamp(ListOffsetsRequest.LATEST_TIMESTAMP)
                .setCurrentLeaderEpoch(currentEpoch.orElse(RecordBatch.NO_PARTITION_LEADER_EPOCH));
        ListOffsetsRequest request = ListOffsetsRequest.Builder.forConsumer(false, IsolationLevel.READ_UNCOMMITTED)
                .setTargetTimes(List.of(new ListOffsetsTopic().setName(TOPIC).setPartitions(List.of(p))))
                .build((short) 7);
        try (WireClient client = new WireClient(leader.host(), leader.port())) {
            return client.call(request);
        }
    }

    private static Errors listOffsetsError(int currentEpoch) {
        return Errors.forCode(listOffsets(Optional.of(currentEpoch)).data().topics().get(0).partitions().get(0)
                .errorCode());
    }

    private static Errors offsetForLeaderEpochError(int currentEpoch) {
        OffsetForLeaderTopicCollection topics = new OffsetForLeaderTopicCollection();
        topics.add(new OffsetForLeaderTopic().setTopic(TOPIC).setPartitions(List.of(new OffsetForLeaderPartition()
                .setPartition(0).setCurrentLeaderEpoch(currentEpoch).setLeaderEpoch(epoch()))));
        try (WireClient client = new WireClient(leader.host(), leader.port())) {
            OffsetsForLeaderEpochResponse response =
                    client.call(OffsetsForLeaderEpochRequest.Builder.forConsumer(topics).build((short) 4));
            return Errors.forCode(response.data().topics().iterator().next().partitions().get(0).errorCode());
        }
    }

    private static MemoryRecords records(int stampedEpoch) {
        SimpleRecord record = new SimpleRecord(System.currentTimeMillis(), null,
                ("stamped " + stampedEpoch).getBytes(StandardCharsets.UTF_8));
        return MemoryRecords.withIdempotentRecords(0L, Compression.NONE, RecordBatch.NO_PRODUCER_ID,
                RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, stampedEpoch, record);
    }

    private static PartitionProduceResponse produce(SpoolBroker broker, MemoryRecords records) {
        TopicProduceDataCollection topics = new TopicProduceDataCollection();
        topics.add(new TopicProduceData().setName(TOPIC)
                .setPartitionData(List.of(new PartitionProduceData().setIndex(0).setRecords(records))));
        ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000)
                .setTopicData(topics);
        try (WireClient client = new WireClient(broker.host(), broker.port())) {
            ProduceResponse response = client.call(new ProduceRequest(data, (short) 11));
            return response.data().responses().iterator().next().partitionResponses().get(0);
        }
    }
}
