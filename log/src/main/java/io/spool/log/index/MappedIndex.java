package io.spool.log.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A memory-mapped file of fixed-size entries sorted by key, as Kafka lays out its indexes. A new
 * file is preallocated to the maximum size; the valid entries of an existing file are all of it,
 * which is why the file is trimmed to its entries when its segment stops being active or closes.
 *
 * <p>One writer (the partition's append path) and any number of lock-free readers: entries are
 * written before the volatile entry count is raised. Mappings are never unmapped by hand; a
 * resize maps anew and leaves the old mapping to the garbage collector, so a reader still holding
 * it cannot fault.
 */
abstract class MappedIndex {
    /** Reads an entry's sort key from a slot of the mapping. */
    interface SlotKey {
        long key(ByteBuffer buffer, int slot);
    }

    private final long baseOffset;
    private final int entrySize;
    private volatile Path file;
    private volatile MappedByteBuffer buffer;
    private volatile int entries;
    private int maxEntries;
    /** A crash can leave a torn entry at the end; such a file is rebuilt rather than trusted. */
    private final boolean tornAtOpen;

    MappedIndex(Path file, long baseOffset, int maxIndexSize, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        boolean exists = Files.exists(file) && Files.size(file) > 0;
        this.tornAtOpen = exists && Files.size(file) % entrySize != 0;
        if (exists) {
            long length = Files.size(file);
            this.entries = (int) (length / entrySize);
            map(roundDown(length));
        } else {
            this.entries = 0;
            map(roundDown(maxIndexSize));
        }
    }

    /** The first offset of the segment this index belongs to; entries hold offsets relative to it. */
    public long baseOffset() {
        return baseOffset;
    }

    public Path file() {
        return file;
    }

    public int entries() {
        return entries;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public boolean isFull() {
        return entries >= maxEntries;
    }

    /** Bytes the file takes: the mapped length, preallocated or trimmed. */
    public long sizeInBytes() {
        return (long) maxEntries * entrySize;
    }

    /** Whether the file had a partial entry at its end when opened. */
    public boolean tornAtOpen() {
        return tornAtOpen;
    }

    /** Maps the file at {@code newSize} bytes (rounded down to whole entries), keeping the entries that fit. */
    public synchronized void resize(int newSize) {
        int size = (int) roundDown(newSize);
        if (size == (long) maxEntries * entrySize) {
            return;
        }
        try {
            map(size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resize index " + file, e);
        }
        if (entries > maxEntries) {
            entries = maxEntries;
        }
    }

    /** Cuts the file down to its valid entries, as the file of an inactive segment stays. */
    public void trimToValidSize() {
        resize(entries * entrySize);
    }

    /** Forgets every entry and makes room for a full index again, for a rebuild. */
    public void reset(int maxIndexSize) {
        entries = 0;
        resize(maxIndexSize);
    }

    public void flush() {
        buffer.force();
    }

    /** Trims the file; the mapping itself goes with the garbage collector (see class comment). */
    public void close() {
        trimToValidSize();
    }

    public void renameTo(Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        file = target;
    }

    public void deleteIfExists() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The mapping and how many entries of it a reader may use: read the buffer first, then bound by it. */
    final ByteBuffer buffer() {
        return buffer;
    }

    final int readableEntries(ByteBuffer snapshot) {
        return Math.min(entries, snapshot.capacity() / entrySize);
    }

    /** Writes happen before this publishes them to readers. */
    final void publishEntries(int count) {
        entries = count;
    }

    /** The last slot whose key is at most {@code target}, or -1 if the first key is already larger. */
    static int largestAtOrBelow(ByteBuffer buffer, int count, long target, SlotKey key) {
        int low = 0;
        int high = count - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (key.key(buffer, mid) <= target) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** The relative form of an absolute offset; indexes hold 32-bit offsets from the base. */
    final int relative(long offset) {
        long delta = offset - baseOffset;
        if (delta < 0 || delta > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit an index based at " + baseOffset);
        }
        return (int) delta;
    }

    private void map(long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() != size) {
                if (channel.size() > size) {
                    channel.truncate(size);
                } else {
                    // Extending: write the last byte so the file has its full length (sparse on most file systems).
                    channel.write(ByteBuffer.allocate(1), size - 1);
                }
            }
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
        maxEntries = (int) (size / entrySize);
    }

    private long roundDown(long size) {
        return size - size % entrySize;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + file + ", entries=" + entries + ")";
    }
}
