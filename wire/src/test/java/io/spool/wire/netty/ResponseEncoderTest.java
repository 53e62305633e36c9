package io.spool.wire.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.ApiVersionsResponse;
import io.spool.wire.message.FetchResponse;
import io.spool.wire.message.MetadataResponse;
import io.spool.wire.protocol.FileSliceRecords;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ResponseHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Encoded responses are read back with kafka-clients: size prefix, header version and body must agree. */
class ResponseEncoderTest {

    @Test
    void flexibleResponseHasHeaderV1() {
        MetadataResponse body = new MetadataResponse().setClusterId("c1").setControllerId(3)
                .setBrokers(List.of(new MetadataResponse.MetadataResponseBroker().setNodeId(3).setHost("h").setPort(9)));
        short version = 12;
        ByteBuffer frame = encode(new KafkaResponse(77, ApiKey.METADATA.responseHeaderVersion(version), body, version));
        ResponseHeader header = ResponseHeader.parse(frame, ApiKeys.METADATA.responseHeaderVersion(version));
        assertEquals(77, header.correlationId());
        org.apache.kafka.common.requests.MetadataResponse parsed = (org.apache.kafka.common.requests.MetadataResponse)
                AbstractResponse.parseResponse(ApiKeys.METADATA, new ByteBufferAccessor(frame), version);
        assertEquals("c1", parsed.clusterId());
        assertEquals("h", parsed.brokers().iterator().next().host());
    }

    @Test
    void apiVersionsKeepsHeaderV0() {
        ApiVersionsResponse body = new ApiVersionsResponse().setApiKeys(List.of(
                new ApiVersionsResponse.ApiVersion().setApiKey((short) 18).setMinVersion((short) 0).setMaxVersion((short) 4)));
        short version = 3;
        ByteBuffer frame = encode(new KafkaResponse(5, ApiKey.API_VERSIONS.responseHeaderVersion(version), body, version));
        assertEquals(5, ResponseHeader.parse(frame, (short) 0).correlationId());
        org.apache.kafka.common.requests.ApiVersionsResponse parsed = (org.apache.kafka.common.requests.ApiVersionsResponse)
                AbstractResponse.parseResponse(ApiKeys.API_VERSIONS, new ByteBufferAccessor(frame), version);
        assertEquals(4, parsed.data().apiKeys().find((short) 18).maxVersion());
    }

    @Test
    void fileRecordsGoOutAsAFileRegionInsideTheFrame(@TempDir Path dir) throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(org.apache.kafka.common.compress.Compression.NONE,
                new org.apache.kafka.common.record.internal.SimpleRecord("payload".getBytes()));
        Path file = dir.resolve("segment");
        Files.write(file, new byte[10]);
        Files.write(file, records.buffer().array(), StandardOpenOption.APPEND);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FetchResponse body = new FetchResponse().setResponses(List.of(new FetchResponse.FetchableTopicResponse().setTopic("t")
                    .setPartitions(List.of(new FetchResponse.PartitionData().setPartitionIndex(0).setHighWatermark(1)
                            .setRecords(new FileSliceRecords(channel, 10, records.sizeInBytes()))))));
            short version = 12;
            EmbeddedChannel out = new EmbeddedChannel(ResponseEncoder.INSTANCE);
            out.writeOutbound(new KafkaResponse(9, ApiKey.FETCH.responseHeaderVersion(version), body, version));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            WritableByteChannel sink = Channels.newChannel(bytes);
            boolean sawRegion = false;
            Object part;
            while ((part = out.readOutbound()) != null) {
                if (part instanceof FileRegion region) {
                    sawRegion = true;
                    region.transferTo(sink, 0);
                    region.release();
                } else {
                    ByteBuf buf = (ByteBuf) part;
                    buf.readBytes(bytes, buf.readableBytes());
                    buf.release();
                }
            }
            assertEquals(true, sawRegion);
            ByteBuffer frame = ByteBuffer.wrap(bytes.toByteArray());
            assertEquals(frame.remaining() - 4, frame.getInt());
            assertEquals(9, ResponseHeader.parse(frame, ApiKeys.FETCH.responseHeaderVersion(version)).correlationId());
            org.apache.kafka.common.requests.FetchResponse parsed = (org.apache.kafka.common.requests.FetchResponse)
                    AbstractResponse.parseResponse(ApiKeys.FETCH, new ByteBufferAccessor(frame), version);
            MemoryRecords got = (MemoryRecords) parsed.data().responses().get(0).partitions().get(0).records();
            assertEquals(records.buffer(), got.buffer());
            assertNull(out.readOutbound());
        }
    }

    /** Encodes on an embedded channel and returns the frame after checking and skipping its size prefix. */
    private static ByteBuffer encode(KafkaResponse response) {
        EmbeddedChannel channel = new EmbeddedChannel(ResponseEncoder.INSTANCE);
        channel.writeOutbound(response);
        ByteBuf all = Unpooled.buffer();
        Object part;
        while ((part = channel.readOutbound()) != null) {
            ByteBuf buf = assertInstanceOf(ByteBuf.class, part);
            all.writeBytes(buf);
            buf.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        ByteBuffer frame = ByteBuffer.wrap(bytes);
        assertEquals(bytes.length - 4, frame.getInt());
        return frame;
    }
}
