package io.spool.wire.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.MetadataRequest;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames made by kafka-clients decode to our requests; what Kafka would not answer closes the channel and frees the frame. */
class RequestDecoderTest {
    private static final VersionPolicy METADATA_UP_TO_12_AND_API_VERSIONS_0_TO_3 = (key, version) ->
            (key == ApiKey.METADATA && version <= 12) || (key == ApiKey.API_VERSIONS && version <= 3);

    @Test
    void decodesHeaderAndBody() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder(METADATA_UP_TO_12_AND_API_VERSIONS_0_TO_3));
        org.apache.kafka.common.requests.MetadataRequest request = new org.apache.kafka.common.requests.MetadataRequest.Builder(
                new MetadataRequestData().setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("t1")))).build((short) 12);
        ByteBuf frame = Unpooled.wrappedBuffer(request.serializeWithHeader(new RequestHeader(request.apiKey(), (short) 12, "client-a", 31)));
        channel.writeInbound(frame);
        KafkaRequest decoded = channel.readInbound();
        assertEquals(ApiKey.METADATA, decoded.apiKey());
        assertEquals(12, decoded.version());
        assertEquals(31, decoded.correlationId());
        assertEquals("client-a", decoded.header().clientId());
        assertEquals("t1", ((MetadataRequest) decoded.body()).topics().get(0).name());
        assertEquals(1, frame.refCnt(), "the request holds the frame");
        decoded.release();
        assertEquals(0, frame.refCnt());
    }

    @Test
    void unsupportedApiVersionsIsPassedOnWithoutABody() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder(METADATA_UP_TO_12_AND_API_VERSIONS_0_TO_3));
        ByteBuf frame = Unpooled.buffer().writeShort(18).writeShort(9).writeInt(4).writeShort(-1).writeByte(0).writeBytes(new byte[] {1, 2});
        channel.writeInbound(frame);
        KafkaRequest decoded = channel.readInbound();
        assertTrue(decoded.versionUnsupported());
        assertEquals(0, decoded.responseVersion());
        assertEquals(4, decoded.correlationId());
        decoded.release();
        assertTrue(channel.isOpen());
    }

    @Test
    void refusedInputClosesTheChannelAndFreesTheFrame() {
        assertCloses(Unpooled.buffer().writeShort(3).writeShort(13).writeInt(1).writeShort(-1), "version the policy refuses");
        assertCloses(Unpooled.buffer().writeShort(4242).writeShort(0).writeInt(1).writeShort(-1), "unknown API key");
        assertCloses(Unpooled.buffer().writeShort(3), "frame too short for a header");
        ByteBuffer truncated = ByteBuffer.allocate(14).putShort((short) 3).putShort((short) 1).putInt(1).putShort((short) -1).putInt(5);
        assertCloses(Unpooled.wrappedBuffer(truncated.array()), "array count beyond the frame");
    }

    private static void assertCloses(ByteBuf frame, String why) {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder(METADATA_UP_TO_12_AND_API_VERSIONS_0_TO_3));
        channel.writeInbound(frame);
        assertNull(channel.readInbound(), why);
        assertFalse(channel.isOpen(), why);
        assertEquals(0, frame.refCnt(), why);
    }
}
