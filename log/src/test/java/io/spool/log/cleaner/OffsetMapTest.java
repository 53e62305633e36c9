package io.spool.log.cleaner;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetMapTest {
    static ByteBuf key(String key) {
        return Unpooled.copiedBuffer(key, StandardCharsets.UTF_8);
    }

    static void put(OffsetMap map, String key, long offset) {
        ByteBuf buf = key(key);
        map.put(buf, 0, buf.readableBytes(), offset);
    }

    static long get(OffsetMap map, String key) {
        ByteBuf buf = key(key);
        return map.get(buf, 0, buf.readableBytes());
    }

    @Test
    void keepsTheLatestOffsetOfEachKey() {
        OffsetMap map = new OffsetMap(1000 * OffsetMap.BYTES_PER_ENTRY, 0.9);
        assertEquals(900, map.maxEntries());
        for (int i = 0; i < 3000; i++) {
            put(map, "key-" + i % 900, i);
        }
        assertEquals(900, map.size());
        for (int k = 0; k < 900; k++) {
            assertEquals(k < 300 ? 2700 + k : 1800 + k, get(map, "key-" + k));
        }
        assertEquals(-1, get(map, "key-900"));
        assertEquals(-1, get(map, ""));
        assertFalse(map.hasRoomFor(1));
        assertThrows(IllegalStateException.class, () -> put(map, "one-too-many", 1));
        put(map, "key-5", 5000);
        assertEquals(5000, get(map, "key-5"), "an existing key is updated when full");
        map.clear();
        assertEquals(0, map.size());
        assertEquals(-1, get(map, "key-5"));
        assertTrue(map.hasRoomFor(900));
    }

    @Test
    void keysInHeapOrDirectBuffersAndAtAnyIndexDigestAlike() {
        OffsetMap map = new OffsetMap(64 * OffsetMap.BYTES_PER_ENTRY, 0.5);
        ByteBuf direct = Unpooled.directBuffer(64);
        try {
            direct.writeBytes("xxkey-1yy".getBytes(StandardCharsets.UTF_8));
            map.put(direct, 2, 5, 42);
            assertEquals(42, get(map, "key-1"));
            ByteBuf large = Unpooled.buffer(10_000).writeZero(9_000);
            map.put(large, 0, 9_000, 7);
            ByteBuf largeDirect = Unpooled.directBuffer(10_000).writeZero(9_500);
            try {
                assertEquals(7, map.get(largeDirect, 500, 9_000), "a key longer than the copy chunk hashes the same");
            } finally {
                largeDirect.release();
            }
        } finally {
            direct.release();
        }
    }

    @Test
    void aMapMustHaveRoomForTwoEntries() {
        assertThrows(IllegalArgumentException.class, () -> new OffsetMap(OffsetMap.BYTES_PER_ENTRY, 0.9));
        OffsetMap smallest = new OffsetMap(2 * OffsetMap.BYTES_PER_ENTRY, 1.0);
        assertEquals(1, smallest.maxEntries(), "one slot always stays free so lookups end");
        put(smallest, "a", 1);
        assertEquals(-1, get(smallest, "b"));
    }
}
