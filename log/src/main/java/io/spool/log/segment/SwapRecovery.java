package io.spool.log.segment;

import io.spool.wire.records.RecordBatch;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes what a crash interrupted while compaction replaced segments, before a log loads.
 *
 * <p>Compaction writes a segment under {@code .cleaned} names, syncs it, renames it to
 * {@code .swap}, renames the segments it replaces to {@code .deleted} and finally drops the
 * {@code .swap} suffix. So a {@code .cleaned} file is an unfinished copy and is discarded (the
 * segments it was made from are all still there), while a {@code .swap} log file is a complete
 * copy: every segment whose base offset lies in its offset range is one it replaces and goes, and
 * the swap takes the plain name. Its indexes are rebuilt by the load. A replaced segment whose
 * records all lie beyond the swap's last offset (compaction dropped them all) survives; it holds
 * only records that later ones supersede, so reading the log still gives every key's latest value.
 */
public final class SwapRecovery {
    private static final System.Logger LOG = System.getLogger(SwapRecovery.class.getName());

    private SwapRecovery() {
    }

    /** Discards {@code .cleaned} files and completes every {@code .swap} in the partition directory. */
    public static void run(Path dir) throws IOException {
        List<Path> swaps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(SegmentFiles.CLEANED_SUFFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SegmentFiles.LOG_SUFFIX + SegmentFiles.SWAP_SUFFIX)) {
                    swaps.add(file);
                }
            }
        }
        for (Path swap : swaps) {
            complete(dir, swap);
        }
        // Index files of a swap are rebuilt rather than trusted.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFiles.SWAP_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void complete(Path dir, Path swap) throws IOException {
        String name = swap.getFileName().toString();
        Path target = swap.resolveSibling(name.substring(0, name.length() - SegmentFiles.SWAP_SUFFIX.length()));
        long base = SegmentFiles.baseOffsetOf(target, SegmentFiles.LOG_SUFFIX);
        if (base < 0) {
            Files.deleteIfExists(swap);
            return;
        }
        long end = nextOffset(swap, base);
        List<Long> replaced = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFiles.LOG_SUFFIX)) {
            for (Path file : files) {
                long other = SegmentFiles.baseOffsetOf(file, SegmentFiles.LOG_SUFFIX);
                if (other > base && other < end) {
                    replaced.add(other);
                }
            }
        }
        for (long other : replaced) {
            Files.deleteIfExists(SegmentFiles.indexFile(dir, other));
            Files.deleteIfExists(SegmentFiles.timeIndexFile(dir, other));
            Files.deleteIfExists(SegmentFiles.logFile(dir, other));
        }
        // Whichever segment's indexes carry the plain names at the swap's base, the load rebuilds them.
        Files.deleteIfExists(SegmentFiles.indexFile(dir, base));
        Files.deleteIfExists(SegmentFiles.timeIndexFile(dir, base));
        Files.move(swap, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        LOG.log(Level.INFO, "Completed an interrupted compaction swap: {0} replaced the segment at {1} and those at {2}",
                target, base, replaced);
    }

    /** The offset after the swap's last whole batch (its base offset if it has none). */
    private static long nextOffset(Path swap, long base) throws IOException {
        try (FileChannel channel = FileChannel.open(swap, StandardOpenOption.READ)) {
            BatchHeaderReader reader = new BatchHeaderReader();
            long size = channel.size();
            long position = 0;
            long next = base;
            RecordBatch header;
            while ((header = reader.read(channel, position, size)) != null && position + header.sizeInBytes() <= size) {
                next = header.lastOffset() + 1;
                position += header.sizeInBytes();
            }
            return next;
        }
    }

    /** Makes renames in {@code dir} durable (a no-op where directories cannot be synced). */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Cannot sync directory {0}: {1}", dir, e.getMessage());
        }
    }
}
