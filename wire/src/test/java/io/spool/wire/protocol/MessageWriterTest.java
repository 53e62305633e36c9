package io.spool.wire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class MessageWriterTest {

    @Test
    void recordsBecomeTheirOwnPartWithoutCopy() {
        ByteBuf records = PooledByteBufAllocator.DEFAULT.directBuffer().writeLong(42);
        MessageWriter w = new MessageWriter(PooledByteBufAllocator.DEFAULT);
        w.writeInt16(7);
        w.writeRecords(new BufferRecords(records), true, true);
        w.writeInt32(9);
        assertEquals(2 + 1 + 8 + 4, w.size());
        List<Object> parts = w.finish();
        assertEquals(3, parts.size());
        ByteBuf recordsPart = (ByteBuf) parts.get(1);
        assertEquals(records.memoryAddress(), recordsPart.memoryAddress(), "records must not be copied");
        assertEquals(2, records.refCnt(), "the outbound part holds its own reference");
        parts.forEach(p -> ((ByteBuf) p).release());
        assertEquals(1, records.refCnt());
        records.release();
    }

    @Test
    void taggedFieldSizesAboveOneByteAreEncodedAsVarints() {
        byte[] value = new byte[300];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        byte[] bytes = ProtocolReaderTest.written(w -> {
            w.writeInt8(5);
            int mark = w.beginTaggedField(3);
            w.writeBytes(value);
            w.endTaggedField(mark);
            int small = w.beginTaggedField(4);
            w.writeInt32(1);
            w.endTaggedField(small);
        });
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        assertEquals(5, ProtocolReader.readInt8(in));
        assertEquals(3, ProtocolReader.readUnsignedVarint(in));
        int end = ProtocolReader.readTaggedFieldEnd(in);
        assertEquals(300, end - in.readerIndex());
        for (int i = 0; i < value.length; i++) {
            assertEquals(value[i], in.readByte());
        }
        assertEquals(4, ProtocolReader.readUnsignedVarint(in));
        assertEquals(4, ProtocolReader.readUnsignedVarint(in));
        assertEquals(1, ProtocolReader.readInt32(in));
        assertEquals(0, in.readableBytes());
    }

    @Test
    void emptyRecordsAddNoPart() {
        MessageWriter w = new MessageWriter(UnpooledByteBufAllocator.DEFAULT);
        w.writeRecords(new BufferRecords(Unpooled.EMPTY_BUFFER), false, false);
        List<Object> parts = w.finish();
        assertEquals(1, parts.size());
        ByteBuf only = (ByteBuf) parts.get(0);
        assertEquals(0, only.getInt(0));
        assertSame(only, parts.get(0));
        only.release();
    }
}
