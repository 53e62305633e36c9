package io.spool.log.cleaner;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.log.segment.LogSegment;
import io.spool.log.segment.SegmentFiles;
import io.spool.log.time.Time;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.RecordReader;
import io.spool.wire.records.RecordView;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Compacts one log at a time, the work of one cleaner thread: builds the key-to-latest-offset
 * map over the dirty range (as far as the map has room), then rewrites every segment from the
 * log start through the end of that range, in runs of up to {@code segment.bytes}, each written
 * under {@code .cleaned} names and swapped in by {@link Log#replaceSegments}. Offsets never
 * change; the log start offset and the active segment are never touched.
 *
 * <p>Owns its offset map (allocated at the first compaction and reused) and its I/O buffers. Not
 * thread-safe; close it to release the buffers.
 */
final class Cleaner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Cleaner.class.getName());

    /** How a compaction ended: the offset it reached (the next first dirty offset), the earliest delete horizon it left. */
    record Result(long endOffset, long earliestDeleteHorizon) {
    }

    private final long dedupeBufferSize;
    private final double loadFactor;
    private final int ioBufferSize;
    private final Time time;
    private final ByteBufAllocator allocator;
    private final SegmentBatches batches;
    private ByteBuf writeBuffer;
    private OffsetMap map;

    // State of the map build in progress.
    private long mapEnd;
    private boolean mapFull;

    Cleaner(long dedupeBufferSize, double loadFactor, int ioBufferSize, Time time, ByteBufAllocator allocator) {
        this.dedupeBufferSize = dedupeBufferSize;
        this.loadFactor = loadFactor;
        this.ioBufferSize = ioBufferSize;
        this.time = time;
        this.allocator = allocator;
        this.batches = new SegmentBatches(allocator, ioBufferSize);
        this.writeBuffer = allocator.heapBuffer(ioBufferSize);
    }

    /**
     * Compacts {@code target}'s log.
     *
     * @param aborted polled between batches; once true the compaction stops with {@link CleaningAbortedException}
     * @return how far it got, or null if the log changed under it and nothing was swapped in for
     *     the last run (earlier runs stay swapped in: they are complete compactions of their own)
     */
    Result clean(LogToClean target, BooleanSupplier aborted) throws IOException {
        Log log = target.log();
        LogConfig config = log.config();
        int decompressionLimit = RecordReader.decompressionLimitFor(config.maxMessageBytes());
        if (map == null) {
            map = new OffsetMap(dedupeBufferSize, loadFactor);
        }
        map.clear();
        long end;
        try (RecordReader reader = new RecordReader(allocator, decompressionLimit)) {
            end = buildOffsetMap(target, reader, aborted);
        }
        List<LogSegment> segments = target.segments();
        int count = 0;
        while (count < segments.size() - 1 && segments.get(count).baseOffset() < end) {
            count++;
        }
        long now = time.milliseconds();
        try (BatchFilter filter = new BatchFilter(map, allocator, decompressionLimit)) {
            filter.reset(end, now, config.deleteRetentionMs(), log.lastBatchOffsetsOfProducers());
            for (List<LogSegment> group : SegmentGroups.of(segments, count, config.segmentBytes())) {
                LogSegment cleaned = rewrite(log, config, group, filter, now, aborted);
                if (!log.replaceSegments(cleaned, group, target.truncations())) {
                    cleaned.closeAndDelete();
                    LOG.log(Level.INFO, "{0} changed while it was compacted; will try again", log.topicPartition());
                    return null;
                }
            }
            LOG.log(Level.INFO, "Compacted {0}: {1} segment(s) up to offset {2}, {3} keys in the dirty range",
                    log.topicPartition(), count, end, map.size());
            return new Result(end, filter.earliestDeleteHorizon());
        }
    }

    /**
     * Records each key's latest offset from the first dirty offset on, batch by batch while the
     * map has room for a batch's keys, up to the uncleanable part.
     *
     * @return the offset the map covers up to (exclusive)
     */
    private long buildOffsetMap(LogToClean target, RecordReader reader, BooleanSupplier aborted) throws IOException {
        long firstDirty = target.firstDirtyOffset();
        long limit = target.firstUncleanableOffset();
        mapEnd = firstDirty;
        mapFull = false;
        List<LogSegment> segments = target.segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            LogSegment segment = segments.get(i);
            long segmentEnd = segments.get(i + 1).baseOffset();
            if (segmentEnd <= firstDirty) {
                continue;
            }
            if (segmentEnd > limit) {
                break;
            }
            boolean whole = batches.forEach(segment, Math.max(firstDirty, segment.baseOffset()), batch -> {
                checkAborted(aborted);
                if (batch.lastOffset() < firstDirty) {
                    return true;
                }
                if (!batch.isControl()) {
                    if (!map.hasRoomFor(batch.recordCount())) {
                        mapFull = true;
                        return false;
                    }
                    addKeys(batch, reader, firstDirty);
                }
                mapEnd = batch.lastOffset() + 1;
                return true;
            });
            if (!whole) {
                break;
            }
            mapEnd = segmentEnd;
        }
        if (mapFull && mapEnd == firstDirty) {
            throw new IllegalStateException("the offset map of " + map.maxEntries() + " keys cannot take the batch at offset "
                    + firstDirty + " of " + target.log().topicPartition() + "; raise " + CleanerConfig.DEDUPE_BUFFER_SIZE);
        }
        return mapEnd;
    }

    private void addKeys(RecordBatch batch, RecordReader reader, long firstDirty) {
        reader.open(batch);
        while (reader.next()) {
            RecordView record = reader.record();
            if (record.hasKey() && record.offset() >= firstDirty) {
                map.put(record.buffer(), record.keyIndex(), record.keyLength(), record.offset());
            }
        }
    }

    /** Writes what stays of a run of segments into one new segment under {@code .cleaned} names, synced. */
    private LogSegment rewrite(Log log, LogConfig config, List<LogSegment> group, BatchFilter filter, long now,
                               BooleanSupplier aborted) throws IOException {
        Path dir = log.dir();
        long base = group.get(0).baseOffset();
        for (Path stale : List.of(SegmentFiles.logFile(dir, base), SegmentFiles.indexFile(dir, base),
                SegmentFiles.timeIndexFile(dir, base))) {
            Files.deleteIfExists(stale.resolveSibling(stale.getFileName() + SegmentFiles.CLEANED_SUFFIX));
        }
        LogSegment cleaned = LogSegment.open(dir, base, SegmentFiles.CLEANED_SUFFIX, config.indexIntervalBytes(),
                config.segmentIndexBytes(), now);
        try {
            for (LogSegment old : group) {
                batches.forEach(old, old.baseOffset(), batch -> {
                    checkAborted(aborted);
                    filter.filter(batch, writeBuffer);
                    if (writeBuffer.readableBytes() >= ioBufferSize) {
                        appendBuffered(cleaned);
                    }
                    return true;
                });
            }
            appendBuffered(cleaned);
            cleaned.onBecomeInactive();
            cleaned.flush();
            keepLastModified(cleaned, group.get(group.size() - 1));
            return cleaned;
        } catch (IOException | RuntimeException e) {
            cleaned.closeAndDelete();
            throw e;
        } finally {
            writeBuffer.clear();
            if (writeBuffer.capacity() > ioBufferSize) {
                writeBuffer.release();
                writeBuffer = allocator.heapBuffer(ioBufferSize);
            }
        }
    }

    /** Retention by time falls back on a segment's modification time, so the copy keeps the replaced one's. */
    private static void keepLastModified(LogSegment cleaned, LogSegment replaced) throws IOException {
        try {
            Files.setLastModifiedTime(cleaned.logFile(), Files.getLastModifiedTime(replaced.logFile()));
        } catch (NoSuchFileException e) {
            // Retention removed the replaced segment meanwhile; the swap will be refused.
        }
    }

    private void appendBuffered(LogSegment cleaned) throws IOException {
        cleaned.append(writeBuffer);
        writeBuffer.clear();
    }

    private static void checkAborted(BooleanSupplier aborted) {
        if (aborted.getAsBoolean()) {
            throw new CleaningAbortedException();
        }
    }

    @Override
    public void close() {
        batches.close();
        writeBuffer.release();
    }
}
