package io.spool.broker.it;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ListOffsets by the special timestamps and by time, and OffsetForLeaderEpoch, over a raw socket. */
class OffsetsIT {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void offsetsByTimeAndEpoch() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir, "log.message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE));
             RawClient client = new RawClient(broker.port())) {
            client.roundTrip(Requests.createTopics(Requests.topic("times", 1, 1)));
            for (int i = 0; i < 3; i++) {
                // Batches at T0, T0+1000, T0+2000 at offsets 0-1, 2-3, 4-5; the middle batch holds the largest time.
                long base = T0 + i * 1000L;
                long max = i == 1 ? T0 + 5000 : base + 1;
                client.roundTrip(Requests.produce("times", 0, MemoryRecords.withRecords(Compression.NONE,
                        new SimpleRecord(base, null, "a".getBytes()), new SimpleRecord(max, null, "b".getBytes())), (short) 1, (short) 11));
            }
            assertEquals(0, lookup(client, -2).offset());
            assertEquals(6, lookup(client, -1).offset());
            ListOffsetsPartitionResponse max = lookup(client, -3);
            assertEquals(T0 + 5000, max.timestamp());
            assertEquals(3, max.offset());
            assertEquals(0, lookup(client, -4).offset());
            assertEquals(-1, lookup(client, -5).offset());
            assertEquals(2, lookup(client, T0 + 1000).offset());
            assertEquals(-1, lookup(client, T0 + 60_000).offset());
            assertEquals(0, lookup(client, -1).leaderEpoch());

            OffsetForLeaderEpochRequestData data = new OffsetForLeaderEpochRequestData().setReplicaId(-1);
            OffsetForLeaderTopicCollection topics = new OffsetForLeaderTopicCollection();
            topics.add(new OffsetForLeaderTopic().setTopic("times").setPartitions(List.of(
                    new OffsetForLeaderPartition().setPartition(0).setCurrentLeaderEpoch(0).setLeaderEpoch(0),
                    new OffsetForLeaderPartition().setPartition(1).setCurrentLeaderEpoch(-1).setLeaderEpoch(0))));
            data.setTopics(topics);
            OffsetsForLeaderEpochResponse epochs = client.roundTrip(new OffsetsForLeaderEpochRequest(data, (short) 4));
            EpochEndOffset known = epochs.data().topics().find("times").partitions().get(0);
            assertEquals(Errors.NONE.code(), known.errorCode());
            assertEquals(0, known.leaderEpoch());
            assertEquals(6, known.endOffset());
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), epochs.data().topics().find("times").partitions().get(1).errorCode());

            ListOffsetsPartitionResponse fenced = client.<ListOffsetsResponse>roundTrip(ListOffsetsRequest.Builder
                    .forConsumer(false, IsolationLevel.READ_UNCOMMITTED)
                    .setTargetTimes(List.of(new ListOffsetsTopic().setName("times").setPartitions(List.of(
                            new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-1).setCurrentLeaderEpoch(3)))))
                    .build((short) 9)).data().topics().get(0).partitions().get(0);
            assertEquals(Errors.UNKNOWN_LEADER_EPOCH.code(), fenced.errorCode());
        }
    }

    private static ListOffsetsPartitionResponse lookup(RawClient client, long timestamp) throws Exception {
        ListOffsetsRequest request = ListOffsetsRequest.Builder.forConsumer(true, IsolationLevel.READ_COMMITTED, true, true, true, true)
                .setTargetTimes(List.of(new ListOffsetsTopic().setName("times").setPartitions(List.of(
                        new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(timestamp)))))
                .build((short) 11);
        ListOffsetsResponse response = client.roundTrip(request);
        ListOffsetsPartitionResponse p = response.data().topics().get(0).partitions().get(0);
        assertEquals(Errors.NONE.code(), p.errorCode());
        return p;
    }
}
