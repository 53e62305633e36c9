package io.spool.broker.it;

import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
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
                    .setTopics(java.util.List.of(new MetadataRequestData.MetadataRequestTopic().setName("missing")))
                    .setAllowAutoTopicCreation(true)).build((short) 12);
            MetadataResponse response = client.roundTrip(request);
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, response.errors().get("missing"));
        }
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
