package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Record bodies written by hand, byte by byte, to reach the checks Kafka's writers never trip. */
class RecordViewTest {
    private static ByteBuf body(int... bytes) {
        byte[] body = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            body[i] = (byte) bytes[i];
        }
        return Unpooled.wrappedBuffer(body);
    }

    private static void assertCorrupt(ByteBuf body, String expected) {
        RecordView view = new RecordView();
        CorruptRecordException e = assertThrows(CorruptRecordException.class,
                () -> view.parse(body, 0, body.readableBytes(), 1));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    // Zig-zag: 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3, 2 -> 4.

    @Test
    void wellFormedBodyParses() {
        // attributes, ts delta 1, offset delta 2, key "a", value null, 1 header "h" -> "xy"
        ByteBuf body = body(0, 2, 4, 2, 'a', 1, 2, 2, 'h', 4, 'x', 'y');
        RecordView view = new RecordView();
        view.parse(body, 0, body.readableBytes(), 1);
        assertEquals(1, view.timestampDelta());
        assertEquals(2, view.offsetDelta());
        assertEquals(1, view.keyLength());
        assertEquals('a', body.getByte(view.keyIndex()));
        assertFalse(view.hasValue());
        assertEquals(1, view.headerCount());
        HeaderCursor headers = view.headers();
        assertTrue(headers.next());
        assertEquals("h", headers.keyAsString());
        assertEquals(2, headers.valueLength());
        assertEquals('x', body.getByte(headers.valueIndex()));
        assertFalse(headers.next());
        assertEquals(body.readableBytes() + 1, view.sizeInBytes());
    }

    @Test
    void badLengthsAndCounts() {
        assertCorrupt(body(0, 0, 0, 3, 1, 0), "record key has invalid length -2");
        assertCorrupt(body(0, 0, 0, 1, 5, 0), "record value");
        assertCorrupt(body(0, 0, 0, 1, 1, 1), "invalid header count -1");
        assertCorrupt(body(0, 0, 0, 1, 1, 2, 1, 1), "record header key has invalid length -1");
        assertCorrupt(body(0, 0, 0, 1, 1, 4, 0, 1), "record header key length");
        assertCorrupt(body(0, 0, 0, 1, 1, 0, 0), "fields take");
        assertCorrupt(body(), "record attributes");
        assertCorrupt(body(0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0), "longer than 10 bytes");
        assertCorrupt(body(0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0), "longer than 5 bytes");
    }
}
