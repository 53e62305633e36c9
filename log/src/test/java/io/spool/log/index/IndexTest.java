package io.spool.log.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexTest {
    @TempDir
    Path dir;

    @Test
    void offsetIndexLooksUpTheLargestEntryAtOrBelow() throws IOException {
        OffsetIndex index = new OffsetIndex(dir.resolve("a.index"), 100, 1024);
        assertEquals(new OffsetPosition(100, 0), index.lookup(150));
        index.append(110, 4000);
        index.append(130, 8000);
        index.append(150, 12000);
        assertEquals(new OffsetPosition(100, 0), index.lookup(105));
        assertEquals(new OffsetPosition(110, 4000), index.lookup(110));
        assertEquals(new OffsetPosition(130, 8000), index.lookup(149));
        assertEquals(new OffsetPosition(150, 12000), index.lookup(1_000_000));
        assertEquals(new OffsetPosition(130, 8000), index.floorByPosition(11999));
        assertNull(index.floorByPosition(3999));
        assertThrows(IllegalArgumentException.class, () -> index.append(150, 16000));
        index.truncateTo(130);
        assertEquals(1, index.entries());
        assertEquals(110, index.lastOffset());
    }

    @Test
    void offsetIndexFileIsKafkasLayoutAndSurvivesReopen() throws IOException {
        Path file = dir.resolve("b.index");
        OffsetIndex index = new OffsetIndex(file, 1000, 4096);
        assertEquals(4096, Files.size(file), "preallocated");
        index.append(1005, 77);
        index.close();
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(8, bytes.length, "trimmed to its entries");
        ByteBuffer entry = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        assertEquals(5, entry.getInt());
        assertEquals(77, entry.getInt());
        OffsetIndex reopened = new OffsetIndex(file, 1000, 4096);
        assertEquals(1, reopened.entries());
        reopened.resize(4096);
        reopened.append(1010, 99);
        assertEquals(new OffsetPosition(1010, 99), reopened.lookup(1011));
        reopened.sanityCheck();
    }

    @Test
    void offsetIndexFillsUp() throws IOException {
        OffsetIndex index = new OffsetIndex(dir.resolve("c.index"), 0, 20);
        index.append(1, 1);
        index.append(2, 2);
        assertTrue(index.isFull());
        assertThrows(IllegalStateException.class, () -> index.append(3, 3));
    }

    @Test
    void timeIndexKeepsStrictlyIncreasingTimestampsAndAReservedSlot() throws IOException {
        Path file = dir.resolve("d.timeindex");
        TimeIndex index = new TimeIndex(file, 50, 36);
        assertEquals(36, Files.size(file));
        assertEquals(new TimestampOffset(-1, 50), index.lookup(5));
        index.maybeAppend(1000, 55, false);
        index.maybeAppend(1000, 60, false);
        index.maybeAppend(900, 61, false);
        assertEquals(1, index.entries(), "only larger timestamps are indexed");
        index.maybeAppend(2000, 70, false);
        assertTrue(index.isFull());
        assertThrows(IllegalStateException.class, () -> index.maybeAppend(3000, 80, false));
        index.maybeAppend(3000, 80, true);
        assertEquals(new TimestampOffset(1000, 55), index.lookup(1999));
        assertEquals(new TimestampOffset(3000, 80), index.lastEntry());
        index.truncateTo(70);
        assertEquals(new TimestampOffset(1000, 55), index.lastEntry());
        index.close();
        assertEquals(12, Files.size(file));
        ByteBuffer entry = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(1000, entry.getLong());
        assertEquals(5, entry.getInt());
    }

    @Test
    void aTornIndexFileFailsItsSanityCheck() throws IOException {
        Path file = dir.resolve("e.index");
        Files.write(file, new byte[13]);
        assertThrows(IndexCorruptException.class, () -> new OffsetIndex(file, 0, 1024).sanityCheck());
    }
}
