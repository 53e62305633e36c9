package io.spool.log.producer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Kafka's producer snapshot file {@code <offset %020d>.snapshot} (version 1): int16 version,
 * uint32 CRC32C of everything after it, int32 count, then per producer its id (int64), epoch
 * (int16), last sequence (int32), last offset (int64), offset delta (int32), timestamp (int64),
 * coordinator epoch (int32) and ongoing transaction's first offset (int64). Only each producer's
 * last batch is kept, as Kafka does.
 */
public final class ProducerSnapshotFile {
    public static final String SUFFIX = ".snapshot";
    static final short VERSION = 1;
    private static final int HEADER_SIZE = 2 + 4;
    private static final int ENTRY_SIZE = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;

    private ProducerSnapshotFile() {
    }

    public static Path path(Path dir, long offset) {
        return dir.resolve(String.format("%020d%s", offset, SUFFIX));
    }

    /** The offset a snapshot file is named by, or -1 if the name is not a snapshot's. */
    public static long offsetOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return -1L;
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    static void write(Path file, Collection<ProducerStateEntry> producers) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_SIZE + 4 + ENTRY_SIZE * producers.size());
        buffer.putShort(VERSION).putInt(0).putInt(producers.size());
        for (ProducerStateEntry entry : producers) {
            BatchMetadata last = entry.lastBatch();
            buffer.putLong(entry.producerId())
                    .putShort(entry.epoch())
                    .putInt(last == null ? -1 : last.lastSeq())
                    .putLong(last == null ? -1L : last.lastOffset())
                    .putInt(last == null ? 0 : last.offsetDelta())
                    .putLong(entry.lastTimestamp())
                    .putInt(entry.coordinatorEpoch())
                    .putLong(entry.currentTxnFirstOffset());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), HEADER_SIZE, buffer.capacity() - HEADER_SIZE);
        buffer.putInt(2, (int) crc.getValue());
        buffer.flip();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @throws IOException if the file is unreadable, truncated, of another version or fails its CRC */
    static List<ProducerStateEntry> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER_SIZE + 4) {
            throw new IOException("producer snapshot " + file + " is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        short version = buffer.getShort();
        if (version != VERSION) {
            throw new IOException("producer snapshot " + file + " has unsupported version " + version);
        }
        long storedCrc = Integer.toUnsignedLong(buffer.getInt());
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE);
        if (crc.getValue() != storedCrc) {
            throw new IOException("producer snapshot " + file + " failed its CRC check");
        }
        int count = buffer.getInt();
        if (count < 0 || (long) count * ENTRY_SIZE != buffer.remaining()) {
            throw new IOException("producer snapshot " + file + " holds " + buffer.remaining()
                    + " bytes for " + count + " entries");
        }
        List<ProducerStateEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long producerId = buffer.getLong();
            short epoch = buffer.getShort();
            int lastSeq = buffer.getInt();
            long lastOffset = buffer.getLong();
            int offsetDelta = buffer.getInt();
            long timestamp = buffer.getLong();
            int coordinatorEpoch = buffer.getInt();
            long txnFirstOffset = buffer.getLong();
            ProducerStateEntry entry = new ProducerStateEntry(producerId, epoch);
            BatchMetadata last = lastOffset < 0 ? null : new BatchMetadata(lastSeq, lastOffset, offsetDelta, timestamp);
            entry.restore(last, timestamp, coordinatorEpoch, txnFirstOffset);
            entries.add(entry);
        }
        return entries;
    }
}
