package io.spool.wire.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spool.wire.protocol.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated classes' contract as handlers use it: defaults, setters, versions, unknown tags. */
class GeneratedMessageTest {

    @Test
    void defaultsFollowTheSpec() {
        FetchRequest fetch = new FetchRequest();
        assertEquals(-1, fetch.replicaId());
        assertEquals(0x7fffffff, fetch.maxBytes());
        assertNull(fetch.clusterId());
        assertEquals(new UUID(0, 0), new FetchRequest.FetchTopic().topicId());
        assertEquals(List.of(), fetch.topics());
        assertEquals(-1, new FetchResponse.PartitionData().currentLeader().leaderId());
        assertNull(new ProduceRequest().transactionalId());
        assertEquals("", new ProduceRequest.TopicProduceData().name());
        assertEquals(Long.MAX_VALUE, new FetchRequest.FetchPartition().highWatermark());
    }

    @Test
    void fluentSettersAndValueEquality() {
        ProduceResponse a = response();
        ProduceResponse b = response();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        b.responses().get(0).partitionResponses().get(0).setBaseOffset(43);
        assertNotEquals(a, b);
        assertTrue(a.toString().contains("baseOffset=42"), a.toString());
    }

    @Test
    void fieldsOutsideTheVersionAreNotWrittenAndReadBackAsDefaults() {
        ProduceResponse response = response().setThrottleTimeMs(100);
        response.responses().get(0).setTopicId(UUID.randomUUID());
        for (short v = ProduceResponse.LOWEST_VERSION; v <= ProduceResponse.HIGHEST_VERSION; v++) {
            ProduceResponse back = new ProduceResponse(Unpooled.wrappedBuffer(Encoding.encode(response, v)), v);
            ProduceResponse.TopicProduceResponse topic = back.responses().get(0);
            assertEquals(v <= 12 ? "t" : "", topic.name(), "v" + v);
            assertEquals(v >= 13 ? response.responses().get(0).topicId() : new UUID(0, 0), topic.topicId(), "v" + v);
            assertEquals(42, topic.partitionResponses().get(0).baseOffset());
        }
    }

    @Test
    void unknownTaggedFieldsAreSkipped() {
        // FetchResponse v16: throttle, error, session, no responses, then two tagged fields:
        // tag 7 (unknown) with three bytes, and tag 0 (NodeEndpoints) with one endpoint.
        ByteBuf in = Unpooled.buffer()
                .writeInt(5).writeShort(0).writeInt(9).writeByte(1)
                .writeByte(2)
                .writeByte(7).writeByte(3).writeByte(1).writeByte(2).writeByte(3)
                .writeByte(0).writeByte(13).writeByte(2)
                .writeInt(4).writeByte(2).writeByte('h').writeInt(9092).writeByte(0).writeByte(0);
        FetchResponse response = new FetchResponse(in, (short) 16);
        assertEquals(0, in.readableBytes());
        assertEquals(5, response.throttleTimeMs());
        assertEquals(9, response.sessionId());
        assertEquals(List.of(new FetchResponse.NodeEndpoint().setNodeId(4).setHost("h").setPort(9092).setRack(null)),
                response.nodeEndpoints());
        // The same tag 0 in v15, where it is not a field yet, is skipped like any unknown tag.
        in.readerIndex(0);
        FetchResponse v15 = new FetchResponse(in, (short) 15);
        assertEquals(List.of(), v15.nodeEndpoints());
    }

    @Test
    void writingNullIntoANonNullableFieldFails() {
        ProduceRequest request = new ProduceRequest().setTopicData(null);
        assertThrows(IllegalStateException.class, () -> Encoding.encode(request, (short) 9));
    }

    @Test
    void readIntoAnUsedMessageResetsFieldsAbsentFromTheVersion() {
        ApiVersionsRequest request = new ApiVersionsRequest().setClientSoftwareName("x").setClientSoftwareVersion("1");
        byte[] v3 = Encoding.encode(request, (short) 3);
        request.read(Unpooled.wrappedBuffer(Encoding.encode(new ApiVersionsRequest(), (short) 0)), (short) 0);
        assertEquals(new ApiVersionsRequest(), request);
        request.read(Unpooled.wrappedBuffer(v3), (short) 3);
        assertEquals("x", request.clientSoftwareName());
        assertArrayEquals(v3, Encoding.encode(request, (short) 3));
        assertThrows(MessageFormatException.class, () -> new ApiVersionsRequest(Unpooled.wrappedBuffer(new byte[] {1}), (short) 3));
    }

    private static ProduceResponse response() {
        return new ProduceResponse().setResponses(new java.util.ArrayList<>(List.of(
                new ProduceResponse.TopicProduceResponse().setName("t").setPartitionResponses(new java.util.ArrayList<>(List.of(
                        new ProduceResponse.PartitionProduceResponse().setIndex(0).setBaseOffset(42)))))));
    }
}
