package io.spool.wire.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spool.wire.codegen.MessageSpec;
import io.spool.wire.protocol.Message;
import io.spool.wire.protocol.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile and broken input: every decode error is a MessageFormatException, no length is trusted
 * before it is checked against the bytes that remain, and nothing is retained from the frame.
 */
class MalformedMessageTest {

    @Test
    void everyTruncationOfEveryMessageIsAFormatError() {
        int cases = 0;
        for (MessageSpec spec : Specs.withVersions()) {
            KafkaMessages kafka = new KafkaMessages(spec);
            Random random = new Random(spec.name().hashCode());
            for (short v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
                byte[] full = KafkaMessages.serialize(kafka.random(v, random), v);
                for (int length = 0; length < full.length; length += 1 + length / 64) {
                    short version = v;
                    ByteBuf prefix = Unpooled.wrappedBuffer(full, 0, length);
                    assertThrows(MessageFormatException.class, () -> Specs.newOurs(spec.name()).read(prefix, version),
                            () -> spec.name() + " v" + version + " truncated to " + prefix.capacity() + " of " + full.length);
                    cases++;
                }
            }
        }
        assertTrue(cases > 1000, "only " + cases + " truncations tried");
    }

    @Test
    void corruptedBytesDecodeOrFailWithFormatErrorOnly() {
        for (MessageSpec spec : Specs.withVersions()) {
            KafkaMessages kafka = new KafkaMessages(spec);
            Random random = new Random(spec.name().hashCode() * 31L);
            for (short v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
                byte[] original = KafkaMessages.serialize(kafka.random(v, random), v);
                for (int i = 0; i < 20 && original.length > 0; i++) {
                    byte[] corrupt = original.clone();
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                        corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt();
                    }
                    try {
                        Specs.newOurs(spec.name()).read(Unpooled.wrappedBuffer(corrupt), v);
                    } catch (MessageFormatException expected) {
                        // a corrupt length or count: the only acceptable failure
                    } catch (RuntimeException e) {
                        fail(spec.name() + " v" + v + " failed with " + e + " instead of MessageFormatException", e);
                    }
                }
            }
        }
    }

    @Test
    void recordsLengthPastTheEnd() {
        ByteBuf in = frame(b -> {
            b.writeShort(-1);                      // transactionalId = null
            b.writeShort(1).writeInt(1000);        // acks, timeout
            b.writeInt(1);                         // one topic
            string(b, "topic");
            b.writeInt(1);                         // one partition
            b.writeInt(0);                         // index
            b.writeInt(1_000_000).writeZero(10);   // records: claims 1 MB, has 10 bytes
        });
        assertFormatError(new ProduceRequest(), in, (short) 3, "records of 1000000 bytes");
    }

    @Test
    void stringLengthPastTheEnd() {
        ByteBuf in = frame(b -> b.writeShort(1).writeShort(3).writeInt(7).writeShort(30_000).writeByte('x'));
        assertFormatError(new RequestHeader(), in, (short) 1, "string of 30000 bytes");
    }

    @Test
    void hugeArrayCountsAreRefusedBeforeAllocating() {
        ByteBuf classic = frame(b -> b.writeInt(Integer.MAX_VALUE).writeZero(16));
        assertFormatError(new MetadataRequest(), classic, (short) 4, "array of 2147483647 elements");

        ByteBuf compact = frame(b -> b.writeByte(0xFE).writeByte(0xFF).writeByte(0xFF).writeByte(0xFF).writeByte(0x07)
                .writeZero(16)); // unsigned varint 2^31 - 2, i.e. count 2^31 - 3
        assertFormatError(new MetadataRequest(), compact, (short) 12, "array of 2147483645 elements");

        ByteBuf int32s = frame(b -> b.writeInt(3).writeInt(1).writeInt(2)); // three int32s need 12 bytes, 8 remain
        assertFormatError(new ConsumerProtocolAssignment.TopicPartition(), frame(b -> {
            string(b, "t");
            b.writeBytes(int32s);
        }), (short) 0, "array of 3 elements");
        int32s.release();
    }

    @Test
    void negativeLengthsOtherThanNullAreErrors() {
        ByteBuf string = frame(b -> b.writeShort(1).writeShort(3).writeInt(7).writeShort(-2));
        assertFormatError(new RequestHeader(), string, (short) 1, "negative string length -2");

        ByteBuf array = frame(b -> b.writeInt(-5).writeByte(0));
        assertFormatError(new MetadataRequest(), array, (short) 4, "negative array length -5");
    }

    @Test
    void nullWhereTheVersionForbidsIt() {
        // MetadataRequest v0 topics are not nullable (null means "all topics" only from v1).
        ByteBuf in = frame(b -> b.writeInt(-1));
        assertFormatError(new MetadataRequest(), in, (short) 0, "null array");
    }

    @Test
    void badTaggedFieldSections() {
        // ApiVersionsRequest v3: compact strings, then tagged fields.
        Consumer<ByteBuf> names = b -> b.writeByte(2).writeByte('a').writeByte(2).writeByte('1');
        assertFormatError(new ApiVersionsRequest(), frame(names.andThen(b -> b.writeByte(1).writeByte(0).writeByte(50))),
                (short) 3, "tagged field of 50 bytes");
        assertFormatError(new ApiVersionsRequest(), frame(names.andThen(b -> b.writeByte(100).writeByte(0))),
                (short) 3, "tagged field count 100");
        // FetchSnapshotRequest v0 tag 0 is ClusterId, a compact string: its 1-byte value "" declared as 3 bytes.
        ByteBuf clusterId = frame(b -> b.writeInt(-1).writeInt(0)           // replica id, max bytes
                .writeByte(1).writeByte(1)                                  // no topics, one tagged field
                .writeByte(0).writeByte(3).writeByte(1).writeZero(2));
        assertFormatError(new FetchSnapshotRequest(), clusterId, (short) 0, "tagged field value ends");
    }

    @Test
    void overlongVarint() {
        ByteBuf in = frame(b -> b.writeByte(0x80).writeByte(0x80).writeByte(0x80).writeByte(0x80).writeByte(0x80).writeByte(1));
        assertFormatError(new MetadataRequest(), in, (short) 12, "varint longer than 5 bytes");
    }

    @Test
    void hostileCountsAllocateLittle() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ByteBuf in = frame(b -> b.writeInt(Integer.MAX_VALUE - 8).writeZero(64));
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10; i++) {
            assertThrows(MessageFormatException.class, () -> new MetadataRequest().read(in.duplicate(), (short) 4));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        in.release();
        assertTrue(allocated < 1 << 20, "decoding hostile counts allocated " + allocated + " bytes");
    }

    @Test
    void decodedRecordsAreSlicesOfTheFrameNotRetainedCopies() {
        ByteBuf in = frame(b -> {
            b.writeShort(-1).writeShort(1).writeInt(1000).writeInt(1);
            string(b, "t");
            b.writeInt(1).writeInt(0).writeInt(4).writeInt(0xCAFEBABE);
        });
        ProduceRequest request = new ProduceRequest(in, (short) 3);
        io.spool.wire.protocol.BufferRecords records = (io.spool.wire.protocol.BufferRecords)
                request.topicData().get(0).partitionData().get(0).records();
        assertEquals(1, in.refCnt(), "decoding retained the frame");
        in.setInt(in.writerIndex() - 4, 0x0BADF00D);
        assertEquals(0x0BADF00D, records.buffer().getInt(0), "records must share the frame's memory");
        in.release();
    }

    private static void assertFormatError(Message message, ByteBuf in, short version, String expectedText) {
        try {
            MessageFormatException e = assertThrows(MessageFormatException.class, () -> message.read(in, version));
            assertTrue(e.getMessage().contains(expectedText), "message was: " + e.getMessage());
            assertEquals(1, in.refCnt(), "a failed decode must not retain the frame");
        } finally {
            in.release();
        }
    }

    private static ByteBuf frame(Consumer<ByteBuf> content) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer();
        content.accept(b);
        return b;
    }

    private static void string(ByteBuf b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.writeShort(bytes.length).writeBytes(bytes);
    }
}
