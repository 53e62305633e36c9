package io.spool.log.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The {@code .index} file: 8-byte entries of (offset - baseOffset as int32, file position as
 * int32), one every {@code index.interval.bytes} of log, each naming a batch's last offset and the
 * position where that batch starts (what Kafka writes and its DumpLogSegments checks).
 */
public final class OffsetIndex extends MappedIndex {
    public static final int ENTRY_SIZE = 8;
    private static final SlotKey BY_OFFSET = (buffer, slot) -> buffer.getInt(slot * ENTRY_SIZE);
    private static final SlotKey BY_POSITION = (buffer, slot) -> buffer.getInt(slot * ENTRY_SIZE + 4);

    public OffsetIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    /** Adds an entry; offsets must increase. The caller rolls the segment before the index fills. */
    public void append(long offset, int position) {
        int count = entries();
        if (count >= maxEntries()) {
            throw new IllegalStateException("offset index " + file() + " is full");
        }
        if (count > 0 && offset <= lastOffset()) {
            throw new IllegalArgumentException("offset " + offset + " is not above the last indexed offset "
                    + lastOffset() + " in " + file());
        }
        ByteBuffer buffer = buffer();
        buffer.putInt(count * ENTRY_SIZE, relative(offset));
        buffer.putInt(count * ENTRY_SIZE + 4, position);
        publishEntries(count + 1);
    }

    /** The entry with the largest offset at most {@code target}; the segment start when there is none. */
    public OffsetPosition lookup(long target) {
        ByteBuffer buffer = buffer();
        int slot = largestAtOrBelow(buffer, readableEntries(buffer), target - baseOffset(), BY_OFFSET);
        return slot < 0 ? new OffsetPosition(baseOffset(), 0) : entry(buffer, slot);
    }

    /** The entry with the largest position at most {@code position}, or null if there is none. */
    public OffsetPosition floorByPosition(int position) {
        ByteBuffer buffer = buffer();
        int slot = largestAtOrBelow(buffer, readableEntries(buffer), position, BY_POSITION);
        return slot < 0 ? null : entry(buffer, slot);
    }

    public OffsetPosition entry(int slot) {
        return entry(buffer(), slot);
    }

    /** The last indexed offset, or the base offset of an empty index. */
    public long lastOffset() {
        int count = entries();
        return count == 0 ? baseOffset() : baseOffset() + buffer().getInt((count - 1) * ENTRY_SIZE);
    }

    /** Drops the entries for offsets at or above {@code offset}. */
    public void truncateTo(long offset) {
        ByteBuffer buffer = buffer();
        int slot = largestAtOrBelow(buffer, readableEntries(buffer), offset - 1 - baseOffset(), BY_OFFSET);
        publishEntries(slot + 1);
    }

    /** Checks what a crash can leave behind: a torn file length or entries out of order. */
    public void sanityCheck() {
        if (tornAtOpen()) {
            throw new IndexCorruptException("offset index " + file() + " has a length that is not a multiple of " + ENTRY_SIZE);
        }
        ByteBuffer buffer = buffer();
        int count = readableEntries(buffer);
        if (count > 0 && BY_OFFSET.key(buffer, count - 1) < 0) {
            throw new IndexCorruptException("offset index " + file() + " ends below its base offset");
        }
        if (count > 1 && BY_OFFSET.key(buffer, count - 1) <= BY_OFFSET.key(buffer, count - 2)) {
            throw new IndexCorruptException("offset index " + file() + " ends with offsets out of order");
        }
    }

    private OffsetPosition entry(ByteBuffer buffer, int slot) {
        return new OffsetPosition(baseOffset() + buffer.getInt(slot * ENTRY_SIZE), buffer.getInt(slot * ENTRY_SIZE + 4));
    }
}
