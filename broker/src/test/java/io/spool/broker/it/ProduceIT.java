package io.spool.broker.it;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Produce semantics over a raw socket: acks, per-partition errors, one batch per partition. */
class ProduceIT {
    @TempDir
    Path dataDir;
    TestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(dataDir);
        try (RawClient client = new RawClient(broker.port())) {
            CreatableTopic small = Requests.topic("small", 1, 1);
            small.configs().add(new CreatableTopicConfig().setName("max.message.bytes").setValue("100"));
            CreatableTopic strict = Requests.topic("strict", 1, 1);
            strict.configs().add(new CreatableTopicConfig().setName("min.insync.replicas").setValue("2"));
            client.roundTrip(Requests.createTopics(Requests.topic("plain", 1, 1), small, strict));
        }
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void acksZeroIsNotAnsweredButAppended() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.send(Requests.produce("plain", 0, records("a", "b"), (short) 0, (short) 11));
            // The next answer on the connection belongs to the next request.
            RequestHeader header = client.send(new ApiVersionsRequest.Builder().build((short) 3));
            ApiVersionsResponse versions = (ApiVersionsResponse) client.receive(header);
            assertEquals(Errors.NONE.code(), versions.data().errorCode());
            assertEquals(2, latest(client, "plain"));
        }
    }

    @Test
    void failedAcksZeroProduceClosesTheConnection() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.send(Requests.produce("missing", 0, records("a"), (short) 0, (short) 11));
            assertTrue(client.closedByBroker());
        }
    }

    @Test
    void perPartitionErrors() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            assertEquals(Errors.INVALID_REQUIRED_ACKS, error(client.roundTrip(Requests.produce("plain", 0, records("a"), (short) 2, (short) 11))));
            assertEquals(Errors.MESSAGE_TOO_LARGE, error(client.roundTrip(Requests.produce("small", 0, records("x".repeat(200)), (short) 1, (short) 11))));
            assertEquals(Errors.NOT_ENOUGH_REPLICAS, error(client.roundTrip(Requests.produce("strict", 0, records("a"), (short) -1, (short) 11))));
            assertEquals(Errors.NONE, error(client.roundTrip(Requests.produce("strict", 0, records("a"), (short) 1, (short) 11))));
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, error(client.roundTrip(Requests.produce("plain", 7, records("a"), (short) 1, (short) 11))));

            ByteBuffer two = ByteBuffer.allocate(2 * records("a").sizeInBytes());
            two.put(records("a").buffer()).put(records("b").buffer()).flip();
            assertEquals(Errors.INVALID_RECORD, error(client.roundTrip(Requests.unchecked("plain", 0, MemoryRecords.readableRecords(two), (short) 1, (short) 11))));
            assertEquals(0, latest(client, "plain"), "refused batches leave nothing behind");
            assertEquals(1, latest(client, "strict"));
        }
    }

    @Test
    void logAppendTimeTopicsReportTheBrokerTime() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            CreatableTopic appendTime = Requests.topic("append-time", 1, 1);
            appendTime.configs().add(new CreatableTopicConfig().setName("message.timestamp.type").setValue("LogAppendTime"));
            client.roundTrip(Requests.createTopics(appendTime));
            ProduceResponse response = client.roundTrip(Requests.produce("append-time", 0, records("a"), (short) 1, (short) 11));
            PartitionProduceResponse partition = response.data().responses().iterator().next().partitionResponses().get(0);
            assertEquals(Errors.NONE.code(), partition.errorCode());
            assertTrue(partition.logAppendTimeMs() > 0);
            ProduceResponse createTime = client.roundTrip(Requests.produce("plain", 0, records("a"), (short) 1, (short) 11));
            assertEquals(-1, createTime.data().responses().iterator().next().partitionResponses().get(0).logAppendTimeMs());
        }
    }

    private static MemoryRecords records(String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(System.currentTimeMillis(), null, values[i].getBytes());
        }
        return MemoryRecords.withRecords(Compression.NONE, records);
    }

    private static Errors error(ProduceResponse response) {
        return Errors.forCode(response.data().responses().iterator().next().partitionResponses().get(0).errorCode());
    }

    private static long latest(RawClient client, String topic) throws Exception {
        ListOffsetsResponse response = client.roundTrip(Requests.latestOffset(topic, 0));
        return response.data().topics().get(0).partitions().get(0).offset();
    }
}
