package io.spool.log.cleaner;

import io.netty.buffer.ByteBuf;

/**
 * Key digest to latest offset, in one preallocated array with open addressing (linear probing):
 * the map compaction builds over the dirty part of a log. Its memory is fixed up front (the
 * dedupe buffer) and it holds no object per entry; it takes entries up to the load factor, and
 * the caller checks {@link #hasRoomFor} before adding a batch's keys. Not thread-safe.
 */
final class OffsetMap {
    /** A 16-byte key digest and an 8-byte offset. */
    static final int BYTES_PER_ENTRY = 24;
    private static final int LONGS_PER_ENTRY = 3;
    private static final long EMPTY = -1L;

    private final long[] table;
    private final int slots;
    private final int maxEntries;
    private final KeyDigest digest = new KeyDigest();
    private int entries;

    /**
     * @param memoryBytes what the table may take; it holds {@code memoryBytes / 24} slots
     * @param loadFactor the share of slots that may be used, above 0 and at most 1 (one slot always stays free)
     */
    OffsetMap(long memoryBytes, double loadFactor) {
        long slotCount = Math.min(memoryBytes / BYTES_PER_ENTRY, (Integer.MAX_VALUE - 8) / LONGS_PER_ENTRY);
        if (slotCount < 2) {
            throw new IllegalArgumentException("an offset map needs at least " + 2 * BYTES_PER_ENTRY + " bytes");
        }
        this.slots = (int) slotCount;
        this.maxEntries = (int) Math.max(1, Math.min(slots - 1, (long) (slots * loadFactor)));
        this.table = new long[slots * LONGS_PER_ENTRY];
        clear();
    }

    /** How many distinct keys the map takes. */
    int maxEntries() {
        return maxEntries;
    }

    int size() {
        return entries;
    }

    /** Whether {@code keys} more distinct keys would still fit. */
    boolean hasRoomFor(int keys) {
        return (long) entries + keys <= maxEntries;
    }

    /** Records {@code offset} as the latest of the key at {@code index} of {@code buf}. */
    void put(ByteBuf buf, int index, int length, long offset) {
        digest.digest(buf, index, length);
        int slot = find(digest.high(), digest.low());
        int at = slot * LONGS_PER_ENTRY;
        if (table[at + 2] == EMPTY) {
            if (entries == maxEntries) {
                throw new IllegalStateException("the offset map is full (" + maxEntries + " keys)");
            }
            table[at] = digest.high();
            table[at + 1] = digest.low();
            entries++;
        }
        table[at + 2] = offset;
    }

    /** The latest offset recorded for the key, or -1 if it has none. */
    long get(ByteBuf buf, int index, int length) {
        digest.digest(buf, index, length);
        return table[find(digest.high(), digest.low()) * LONGS_PER_ENTRY + 2];
    }

    /** Forgets every key. */
    void clear() {
        for (int at = 2; at < table.length; at += LONGS_PER_ENTRY) {
            table[at] = EMPTY;
        }
        entries = 0;
    }

    /** The slot holding the digest, or the empty slot where it would go; the table always has an empty slot. */
    private int find(long high, long low) {
        int slot = (int) Long.remainderUnsigned(high, slots);
        while (true) {
            int at = slot * LONGS_PER_ENTRY;
            if (table[at + 2] == EMPTY || (table[at] == high && table[at + 1] == low)) {
                return slot;
            }
            slot = slot + 1 == slots ? 0 : slot + 1;
        }
    }
}
