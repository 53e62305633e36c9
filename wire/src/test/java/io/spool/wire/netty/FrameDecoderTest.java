package io.spool.wire.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {

    @Test
    void framesArriveWholeWhateverTheSplit() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));
        ByteBuf bytes = Unpooled.buffer().writeInt(3).writeBytes(new byte[] {1, 2, 3}).writeInt(0).writeInt(1).writeByte(9);
        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(1));
        }
        bytes.release();
        ByteBuf first = channel.readInbound();
        assertEquals(3, first.readableBytes());
        assertEquals(2, first.getByte(1));
        first.release();
        ByteBuf empty = channel.readInbound();
        assertEquals(0, empty.readableBytes());
        empty.release();
        ByteBuf last = channel.readInbound();
        assertEquals(9, last.readByte());
        last.release();
        assertNull(channel.readInbound());
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void negativeSizeClosesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));
        channel.writeInbound(Unpooled.buffer().writeInt(-1).writeInt(5));
        assertNull(channel.readInbound());
        assertFalse(channel.isOpen());
    }

    @Test
    void oversizedFrameClosesBeforeItsBytesArrive() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));
        channel.writeInbound(Unpooled.buffer().writeInt(101));
        assertNull(channel.readInbound());
        assertFalse(channel.isOpen());
    }

    @Test
    void maximumSizeIsAccepted() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(4));
        channel.writeInbound(Unpooled.buffer().writeInt(4).writeInt(7));
        ByteBuf frame = channel.readInbound();
        assertEquals(7, frame.readInt());
        frame.release();
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }
}
