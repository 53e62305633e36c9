package io.spool.broker.it;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and malformed input over a raw socket: each case closes (or answers) that one
 * connection, and the broker keeps serving a fresh connection afterwards.
 */
class BadInputIT {
    private static final int MAX_REQUEST = 64 * 1024;

    @TempDir
    Path dataDir;
    TestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(dataDir, "socket.request.max.bytes", Integer.toString(MAX_REQUEST),
                "auto.create.topics.enable", "false");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void negativeFrameSizeClosesTheConnection() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3});
            assertTrue(client.closedByBroker());
        }
        assertBrokerServes();
    }

    @Test
    void frameOverTheLimitClosesTheConnection() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            client.sendRaw(ByteBuffer.allocate(8).putInt(MAX_REQUEST + 1).putInt(0).array());
            assertTrue(client.closedByBroker());
        }
        assertBrokerServes();
    }

    @Test
    void truncatedFrameIsDroppedWhenTheClientGoesAway() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            ByteBuffer partial = ByteBuffer.allocate(14).putInt(1000).putShort((short) 18).putShort((short) 0).putInt(7).putShort((short) -1);
            client.sendRaw(partial.array());
            client.shutdownOutput();
            assertTrue(client.closedByBroker(), "no response, connection closed");
        }
        assertBrokerServes();
    }

    @Test
    void lengthPastTheEndOfTheFrameClosesTheConnection() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            // Metadata v1 header, then a topic array claiming 1000 topics and a name claiming 30000 bytes.
            ByteBuffer frame = ByteBuffer.allocate(20);
            frame.putShort((short) 3).putShort((short) 1).putInt(1).putShort((short) -1)
                    .putInt(1000).putShort((short) 30000).put(new byte[] {'a', 'b', 'c', 'd'}).flip();
            client.sendFrame(frame);
            assertTrue(client.closedByBroker());
        }
        assertBrokerServes();
    }

    @Test
    void unknownApiKeyClosesTheConnection() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            ByteBuffer frame = ByteBuffer.allocate(10).putShort((short) 9999).putShort((short) 0).putInt(1).putShort((short) -1).flip();
            client.sendFrame(frame);
            assertTrue(client.closedByBroker());
        }
        assertBrokerServes();
    }

    @Test
    void unsupportedApiVersionsVersionIsAnsweredWithOurRanges() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            // A future ApiVersions version: flexible header v2, a body we cannot know.
            ByteBuffer frame = ByteBuffer.allocate(18).putShort((short) 18).putShort((short) 127).putInt(42)
                    .putShort((short) 4).put("test".getBytes()).put((byte) 0).put(new byte[] {9, 9, 9}).flip();
            client.sendFrame(frame);
            ByteBuffer response = ByteBuffer.wrap(client.receiveFrame());
            assertEquals(42, response.getInt(), "correlation id, header v0");
            ApiVersionsResponse parsed = ApiVersionsResponse.parse(new ByteBufferAccessor(response), (short) 0);
            assertEquals(Errors.UNSUPPORTED_VERSION.code(), parsed.data().errorCode());
            ApiVersion own = parsed.data().apiKeys().find(ApiKeys.API_VERSIONS.id);
            assertNotNull(own);
            assertEquals(0, own.minVersion());
            assertTrue(own.maxVersion() >= 3);
            // The connection stays usable.
            ApiVersionsResponse ok = client.roundTrip(new ApiVersionsRequest.Builder().build((short) 3));
            assertEquals(Errors.NONE.code(), ok.data().errorCode());
        }
    }

    @Test
    void unsupportedVersionOfAnotherApiClosesTheConnection() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            ByteBuffer frame = ByteBuffer.allocate(10).putShort((short) 3).putShort((short) 99).putInt(1).putShort((short) -1).flip();
            client.sendFrame(frame);
            assertTrue(client.closedByBroker());
        }
        assertBrokerServes();
    }

    @Test
    void metadataForAnUnknownTopicWithoutAutoCreation() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            MetadataRequest request = new MetadataRequest.Builder(new MetadataRequestData()
                    .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("missing")))
                    .setAllowAutoTopicCreation(true)).build((short) 12);
            MetadataResponse response = client.roundTrip(request);
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, response.errors().get("missing"));
        }
    }

    @Test
    void batchWithBadCrcIsRefusedAndNothingIsAppended() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            CreateTopicsResponse created = client.roundTrip(Requests.createTopics(Requests.topic("crc", 1, 1)));
            assertEquals(Errors.NONE.code(), created.data().topics().find("crc").errorCode());

            MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                    new SimpleRecord("k".getBytes(), "v1".getBytes()), new SimpleRecord("k".getBytes(), "v2".getBytes()));
            ByteBuffer bytes = records.buffer();
            bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 0x5a));
            ProduceResponse refused = client.roundTrip(Requests.produce("crc", 0, MemoryRecords.readableRecords(bytes), (short) -1, (short) 11));
            assertEquals(Errors.CORRUPT_MESSAGE, partitionError(refused));

            ListOffsetsResponse offsets = client.roundTrip(Requests.latestOffset("crc", 0));
            assertEquals(0, offsets.data().topics().get(0).partitions().get(0).offset(), "nothing appended");

            ProduceResponse accepted = client.roundTrip(Requests.produce("crc", 0, MemoryRecords.withRecords(Compression.NONE,
                    new SimpleRecord("k".getBytes(), "v".getBytes())), (short) 1, (short) 11));
            assertEquals(Errors.NONE, partitionError(accepted));
            assertEquals(0, accepted.data().responses().iterator().next().partitionResponses().get(0).baseOffset());
        }
        assertBrokerServes();
    }

    @Test
    void produceToAnUnknownTopicDoesNotCreateIt() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes()));
            ProduceResponse response = client.roundTrip(Requests.produce("nowhere", 0, records, (short) 1, (short) 11));
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, partitionError(response));
        }
        assertBrokerServes();
    }

    @Test
    void produceVersionsBelowThreeAreAdvertisedButRefused() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            ApiVersionsResponse versions = client.roundTrip(new ApiVersionsRequest.Builder().build((short) 3));
            assertEquals(0, versions.data().apiKeys().find(ApiKeys.PRODUCE.id).minVersion());
            ByteBuffer frame = ByteBuffer.allocate(20).putShort((short) 0).putShort((short) 2).putInt(5).putShort((short) -1)
                    .putShort((short) 1).putInt(1000).putInt(0).flip();
            client.sendFrame(frame);
            assertTrue(client.closedByBroker());
        }
        assertBrokerServes();
    }

    @Test
    void createTopicsRefusesBadNamesCountsAndConfigs() throws Exception {
        try (RawClient client = new RawClient(broker.port())) {
            CreatableTopic badConfig = Requests.topic("bad-config", 1, 1);
            badConfig.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("soon"));
            CreatableTopic unknownConfig = Requests.topic("unknown-config", 1, 1);
            unknownConfig.configs().add(new CreatableTopicConfig().setName("no.such.config").setValue("1"));
            CreateTopicsResponse response = client.roundTrip(Requests.createTopics(
                    Requests.topic("bad name", 1, 1),
                    Requests.topic("..", 1, 1),
                    Requests.topic("x".repeat(250), 1, 1),
                    Requests.topic("zero-partitions", 0, 1),
                    Requests.topic("too-many-replicas", 1, 3),
                    badConfig,
                    unknownConfig,
                    Requests.topic("fine", -1, -1)));
            Map<String, Errors> errors = new HashMap<>();
            response.data().topics().forEach(t -> errors.put(t.name(), Errors.forCode(t.errorCode())));
            assertEquals(Errors.INVALID_TOPIC_EXCEPTION, errors.get("bad name"));
            assertEquals(Errors.INVALID_TOPIC_EXCEPTION, errors.get(".."));
            assertEquals(Errors.INVALID_TOPIC_EXCEPTION, errors.get("x".repeat(250)));
            assertEquals(Errors.INVALID_PARTITIONS, errors.get("zero-partitions"));
            assertEquals(Errors.INVALID_REPLICATION_FACTOR, errors.get("too-many-replicas"));
            assertEquals(Errors.INVALID_CONFIG, errors.get("bad-config"));
            assertEquals(Errors.INVALID_CONFIG, errors.get("unknown-config"));
            assertEquals(Errors.NONE, errors.get("fine"));
            assertEquals(1, response.data().topics().find("fine").numPartitions());

            CreateTopicsResponse again = client.roundTrip(Requests.createTopics(Requests.topic("fine", 1, 1)));
            assertEquals(Errors.TOPIC_ALREADY_EXISTS.code(), again.data().topics().find("fine").errorCode());
            MetadataResponse metadata = client.roundTrip(new MetadataRequest.Builder(new MetadataRequestData().setTopics(null)).build((short) 12));
            assertEquals(List.of("fine"), metadata.topicMetadata().stream().map(MetadataResponse.TopicMetadata::topic).toList());
        }
        assertBrokerServes();
    }

    private static Errors partitionError(ProduceResponse response) {
        return Errors.forCode(response.data().responses().iterator().next().partitionResponses().get(0).errorCode());
    }

    /** A fresh connection still gets answers. */
    private void assertBrokerServes() throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            RequestHeader header = client.send(new ApiVersionsRequest.Builder().build());
            ApiVersionsResponse response = (ApiVersionsResponse) client.receive(header);
            assertEquals(Errors.NONE.code(), response.data().errorCode());
            assertNotNull(response.data().apiKeys().find(ApiKeys.METADATA.id));
        }
    }
}
