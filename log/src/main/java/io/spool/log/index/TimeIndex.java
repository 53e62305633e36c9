package io.spool.log.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The {@code .timeindex} file: 12-byte entries of (timestamp int64, offset - baseOffset int32),
 * strictly increasing in timestamp: each says the largest timestamp of the segment up to that
 * offset. One slot is kept free so the segment's final maximum always fits when it is rolled.
 */
public final class TimeIndex extends MappedIndex {
    public static final int ENTRY_SIZE = 12;
    private static final SlotKey BY_TIMESTAMP = (buffer, slot) -> buffer.getLong(slot * ENTRY_SIZE);
    private static final SlotKey BY_OFFSET = (buffer, slot) -> buffer.getInt(slot * ENTRY_SIZE + 8);

    public TimeIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    public boolean isFull() {
        return entries() >= maxEntries() - 1;
    }

    /**
     * Records that {@code timestamp} is the largest so far, reached at {@code offset}, when it is
     * larger than the last entry's. {@code lastSlot} lets the roll use the reserved slot.
     */
    public void maybeAppend(long timestamp, long offset, boolean lastSlot) {
        int count = entries();
        if (count > 0) {
            TimestampOffset last = entry(buffer(), count - 1);
            if (timestamp <= last.timestamp()) {
                return;
            }
            if (offset < last.offset()) {
                throw new IllegalArgumentException("time index offset " + offset + " is below the last entry's "
                        + last.offset() + " in " + file());
            }
        }
        if (count >= maxEntries() || (!lastSlot && isFull())) {
            throw new IllegalStateException("time index " + file() + " is full");
        }
        ByteBuffer buffer = buffer();
        buffer.putLong(count * ENTRY_SIZE, timestamp);
        buffer.putInt(count * ENTRY_SIZE + 8, relative(offset));
        publishEntries(count + 1);
    }

    /** The entry with the largest timestamp at most {@code target}; (-1, base offset) when there is none. */
    public TimestampOffset lookup(long target) {
        ByteBuffer buffer = buffer();
        int slot = largestAtOrBelow(buffer, readableEntries(buffer), target, BY_TIMESTAMP);
        return slot < 0 ? new TimestampOffset(-1L, baseOffset()) : entry(buffer, slot);
    }

    /** The last entry: the segment's largest timestamp so far, or (-1, base offset) if none. */
    public TimestampOffset lastEntry() {
        ByteBuffer buffer = buffer();
        int count = readableEntries(buffer);
        return count == 0 ? new TimestampOffset(-1L, baseOffset()) : entry(buffer, count - 1);
    }

    /** Drops the entries for offsets at or above {@code offset}. */
    public void truncateTo(long offset) {
        ByteBuffer buffer = buffer();
        int slot = largestAtOrBelow(buffer, readableEntries(buffer), offset - 1 - baseOffset(), BY_OFFSET);
        publishEntries(slot + 1);
    }

    public void sanityCheck() {
        if (tornAtOpen()) {
            throw new IndexCorruptException("time index " + file() + " has a length that is not a multiple of " + ENTRY_SIZE);
        }
        ByteBuffer buffer = buffer();
        int count = readableEntries(buffer);
        if (count > 1 && (BY_TIMESTAMP.key(buffer, count - 1) <= BY_TIMESTAMP.key(buffer, count - 2)
                || BY_OFFSET.key(buffer, count - 1) < BY_OFFSET.key(buffer, count - 2))) {
            throw new IndexCorruptException("time index " + file() + " ends with entries out of order");
        }
        if (count > 0 && BY_OFFSET.key(buffer, count - 1) < 0) {
            throw new IndexCorruptException("time index " + file() + " ends below its base offset");
        }
    }

    private TimestampOffset entry(ByteBuffer buffer, int slot) {
        return new TimestampOffset(buffer.getLong(slot * ENTRY_SIZE), baseOffset() + buffer.getInt(slot * ENTRY_SIZE + 8));
    }
}
