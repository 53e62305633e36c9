package io.spool.wire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.apache.kafka.common.utils.internals.ByteUtils;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProtocolReaderTest {
    private static final int[] INTS = {0, 1, -1, 63, 64, -64, -65, 127, 128, 300, 16383, 16384, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 0x0FFFFFFF, 0x10000000};
    private static final long[] LONGS = {0, 1, -1, 1L << 35, -(1L << 35), Long.MAX_VALUE, Long.MIN_VALUE, 1234567890123L};

    @Test
    void varintsMatchKafka() {
        for (int v : INTS) {
            ByteBuffer kafka = ByteBuffer.allocate(10);
            ByteUtils.writeVarint(v, kafka);
            assertEquals(v, ProtocolReader.readVarint(Unpooled.wrappedBuffer(kafka.array(), 0, kafka.position())));
            kafka.clear();
            ByteUtils.writeUnsignedVarint(v, kafka);
            assertEquals(v, ProtocolReader.readUnsignedVarint(Unpooled.wrappedBuffer(kafka.array(), 0, kafka.position())));
            assertArrayEquals(slice(kafka), written(w -> w.writeUnsignedVarint(v)));
        }
        for (long v : LONGS) {
            ByteBuffer kafka = ByteBuffer.allocate(10);
            ByteUtils.writeVarlong(v, kafka);
            assertEquals(v, ProtocolReader.readVarlong(Unpooled.wrappedBuffer(kafka.array(), 0, kafka.position())));
            assertArrayEquals(slice(kafka), written(w -> w.writeVarlong(v)));
        }
    }

    @Test
    void truncatedPrimitivesAreFormatErrors() {
        assertThrows(MessageFormatException.class, () -> ProtocolReader.readInt32(Unpooled.wrappedBuffer(new byte[3])));
        assertThrows(MessageFormatException.class, () -> ProtocolReader.readUuid(Unpooled.wrappedBuffer(new byte[15])));
        assertThrows(MessageFormatException.class, () -> ProtocolReader.readUnsignedVarint(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80})));
        assertThrows(MessageFormatException.class, () -> ProtocolReader.readVarlong(Unpooled.wrappedBuffer(
                new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1})));
    }

    @Test
    void stringsBytesAndArraysRoundTrip() {
        UUID id = UUID.randomUUID();
        byte[] bytes = written(w -> {
            w.writeString("héllo €", true, false);
            w.writeString(null, true, true);
            w.writeString("x", false, false);
            w.writeString(null, false, true);
            w.writeBytes(new byte[] {1, 2, 3}, false, false);
            w.writeBytes(null, true, true);
            w.writeArray(List.of(7, 8), true, false, MessageWriter::writeInt32);
            w.writeArray(null, false, true, MessageWriter::writeInt32);
            w.writeUuid(id);
            w.writeUint32(0xFFFFFFFFL);
        });
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        assertEquals("héllo €", ProtocolReader.readString(in, true, false));
        assertNull(ProtocolReader.readString(in, true, true));
        assertEquals("x", ProtocolReader.readString(in, false, false));
        assertNull(ProtocolReader.readString(in, false, true));
        assertArrayEquals(new byte[] {1, 2, 3}, ProtocolReader.readBytes(in, false, false));
        assertNull(ProtocolReader.readBytes(in, true, true));
        assertEquals(List.of(7, 8), ProtocolReader.readArray(in, true, false, 4, ProtocolReader::readInt32));
        assertNull(ProtocolReader.readArray(in, false, true, 4, ProtocolReader::readInt32));
        assertEquals(id, ProtocolReader.readUuid(in));
        assertEquals(0xFFFFFFFFL, ProtocolReader.readUint32(in));
        assertEquals(0, in.readableBytes());
    }

    @Test
    void writingNullWhereNotNullableFails() {
        MessageWriter w = new MessageWriter(UnpooledByteBufAllocator.DEFAULT);
        assertThrows(IllegalStateException.class, () -> w.writeString(null, true, false));
        assertThrows(IllegalStateException.class, () -> w.writeArray(null, false, false, MessageWriter::writeInt32));
        assertThrows(IllegalArgumentException.class, () -> w.writeString("x".repeat(40_000), false, false));
        w.discard();
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }

    static byte[] written(java.util.function.Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter(UnpooledByteBufAllocator.DEFAULT);
        body.accept(w);
        ByteBuf all = Unpooled.buffer();
        for (Object part : w.finish()) {
            ByteBuf b = (ByteBuf) part;
            all.writeBytes(b);
            b.release();
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }
}
