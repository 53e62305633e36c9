package io.spool.log.segment;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spool.log.index.IndexCorruptException;
import io.spool.log.index.OffsetIndex;
import io.spool.log.index.OffsetPosition;
import io.spool.log.index.TimeIndex;
import io.spool.log.index.TimestampOffset;
import io.spool.wire.protocol.FileSliceRecords;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.RecordReader;
import io.spool.wire.records.RecordView;
import io.spool.wire.records.TimestampType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A segment: its {@code .log} file of batches starting at {@link #baseOffset()}, and the sparse
 * {@code .index} and {@code .timeindex} over it.
 *
 * <p>Appends come from one thread at a time (the partition's append lock); reads from any thread
 * without locks: bytes are written and indexed before {@link #size()} (volatile) covers them, and
 * a reader never looks past the size it read.
 */
public final class LogSegment {
    private final long baseOffset;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;
    private final boolean indexesWereMissing;
    private final long createdMs;
    private volatile Path logFile;
    /** What follows Kafka's names of the files: empty, or .cleaned, .swap, .deleted while compaction or deletion works. */
    private volatile String fileSuffix;
    private volatile int size;
    private int bytesSinceLastIndexEntry;
    private volatile long maxTimestampSoFar;
    private volatile long offsetOfMaxTimestampSoFar;
    /** The first batch's max timestamp, which {@code segment.ms} counts from (creation time without one). */
    private volatile long rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;

    private LogSegment(Path dir, long baseOffset, String fileSuffix, int indexIntervalBytes, int maxIndexSize, long nowMs)
            throws IOException {
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = indexIntervalBytes;
        this.createdMs = nowMs;
        this.fileSuffix = fileSuffix;
        this.logFile = withSuffix(SegmentFiles.logFile(dir, baseOffset), fileSuffix);
        Path indexFile = withSuffix(SegmentFiles.indexFile(dir, baseOffset), fileSuffix);
        Path timeIndexFile = withSuffix(SegmentFiles.timeIndexFile(dir, baseOffset), fileSuffix);
        boolean logExisted = Files.exists(logFile) && Files.size(logFile) > 0;
        this.indexesWereMissing = logExisted && (!Files.exists(indexFile) || !Files.exists(timeIndexFile));
        if (indexesWereMissing) {
            Files.deleteIfExists(indexFile);
            Files.deleteIfExists(timeIndexFile);
        }
        this.channel = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.size = (int) channel.size();
        channel.position(size);
        this.offsetIndex = new OffsetIndex(indexFile, baseOffset, maxIndexSize);
        this.timeIndex = new TimeIndex(timeIndexFile, baseOffset, maxIndexSize);
        TimestampOffset last = timeIndex.lastEntry();
        this.maxTimestampSoFar = last.timestamp();
        this.offsetOfMaxTimestampSoFar = last.offset();
        if (size > 0) {
            RecordBatch first = new BatchHeaderReader().read(channel, 0, size);
            if (first != null) {
                rollingBasedTimestamp = first.maxTimestamp();
            }
        }
    }

    /**
     * Opens the segment at {@code baseOffset} in {@code dir}, creating empty files if there are
     * none. Indexes of a new segment are preallocated to {@code maxIndexSize}; existing ones keep
     * their length until {@link #resizeIndexes}.
     */
    public static LogSegment open(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexSize, long nowMs)
            throws IOException {
        return new LogSegment(dir, baseOffset, "", indexIntervalBytes, maxIndexSize, nowMs);
    }

    /** As {@link #open}, with {@code fileSuffix} after each file's name (a segment compaction writes). */
    public static LogSegment open(Path dir, long baseOffset, String fileSuffix, int indexIntervalBytes, int maxIndexSize,
                                  long nowMs) throws IOException {
        return new LogSegment(dir, baseOffset, fileSuffix, indexIntervalBytes, maxIndexSize, nowMs);
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** Bytes of whole batches in the log file. */
    public int size() {
        return size;
    }

    public Path logFile() {
        return logFile;
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    /** True when the log file existed without its index files, which must then be rebuilt. */
    public boolean indexesWereMissing() {
        return indexesWereMissing;
    }

    /** Checks the index files for what a crash leaves behind. */
    public void sanityCheckIndexes() {
        offsetIndex.sanityCheck();
        timeIndex.sanityCheck();
        if (offsetIndex.entries() > 0 && offsetIndex.entry(offsetIndex.entries() - 1).position() >= Math.max(size, 1)) {
            throw new IndexCorruptException("offset index " + offsetIndex.file() + " points past the end of " + logFile);
        }
    }

    public void resizeIndexes(int maxIndexSize) {
        offsetIndex.resize(maxIndexSize);
        timeIndex.resize(maxIndexSize);
    }

    /** Whether either index has no room for another entry, so the segment must roll. */
    public boolean indexesFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /** The largest batch timestamp in the segment, or -1 if no batch has one. */
    public long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    /** The last offset of the batch that holds {@link #maxTimestampSoFar()}. */
    public long offsetOfMaxTimestampSoFar() {
        return offsetOfMaxTimestampSoFar;
    }

    /** What retention by time judges the segment by: its largest timestamp, else its file's modification time. */
    public long largestTimestamp() throws IOException {
        long max = maxTimestampSoFar;
        return max >= 0 ? max : Files.getLastModifiedTime(logFile).toMillis();
    }

    /** The max timestamp of the first batch, or -1 (what {@code max.compaction.lag.ms} counts from). */
    public long firstBatchTimestamp() {
        return rollingBasedTimestamp;
    }

    /**
     * How far the segment has come towards {@code segment.ms}. Record time when the segment has
     * timestamps (the incoming batches' largest timestamp minus its first batch's), as Kafka does, so
     * old data replayed into a topic does not roll a segment per append; else wall time since creation.
     */
    public long timeWaitedForRoll(long nowMs, long incomingMaxTimestamp) {
        if (rollingBasedTimestamp >= 0) {
            return incomingMaxTimestamp - rollingBasedTimestamp;
        }
        return nowMs - createdMs;
    }

    /**
     * Writes {@code records} (whole batches with their offsets assigned, readable bytes of the
     * buffer) at the end of the file in one gathering write, then indexes them.
     */
    public void append(ByteBuf records) throws IOException {
        int length = records.readableBytes();
        if (length == 0) {
            return;
        }
        int start = size;
        ByteBuffer[] buffers = records.nioBuffers(records.readerIndex(), length);
        long written = 0;
        while (written < length) {
            written += channel.write(buffers);
        }
        RecordBatch batch = RecordBatch.at(records, records.readerIndex());
        int end = records.readerIndex() + length;
        for (int index = records.readerIndex(); index < end; index += batch.sizeInBytes()) {
            batch.wrap(records, index);
            indexBatch(batch, start + index - records.readerIndex());
        }
        size = start + length;
    }

    private void indexBatch(RecordBatch batch, int position) {
        if (position == 0) {
            rollingBasedTimestamp = batch.maxTimestamp();
        }
        if (batch.maxTimestamp() > maxTimestampSoFar) {
            offsetOfMaxTimestampSoFar = batch.lastOffset();
            maxTimestampSoFar = batch.maxTimestamp();
        }
        // A full index just stays sparser until the next append rolls the segment (see indexesFull).
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !indexesFull()) {
            offsetIndex.append(batch.lastOffset(), position);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, false);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
    }

    /**
     * The first batch whose last offset is at least {@code offset}, searching from the index's
     * hint, within the first {@code limit} bytes; null if there is none.
     */
    public BatchLocation locate(long offset, int limit) throws IOException {
        OffsetPosition hint = offsetIndex.lookup(offset);
        BatchHeaderReader reader = new BatchHeaderReader();
        long position = hint.position();
        RecordBatch header;
        while ((header = reader.read(channel, position, limit)) != null) {
            int batchSize = header.sizeInBytes();
            if (header.lastOffset() >= offset) {
                return new BatchLocation((int) position, batchSize, header.baseOffset(), header.lastOffset());
            }
            position += batchSize;
        }
        return null;
    }

    /**
     * Whole batches from the one holding {@code offset}, up to {@code maxBytes} and not past
     * {@code maxPosition}; with {@code minOneBatch} the first batch comes even if it is larger
     * than {@code maxBytes} (KIP-74). Null if the segment holds no batch at or after the offset
     * before {@code maxPosition}; an empty slice if the first batch does not fit.
     */
    public FileSliceRecords read(long offset, int maxBytes, int maxPosition, boolean minOneBatch) throws IOException {
        int limit = Math.min(size, maxPosition);
        BatchLocation first = locate(offset, limit);
        if (first == null) {
            return null;
        }
        if (first.size() > maxBytes && !minOneBatch) {
            return new FileSliceRecords(channel, first.position(), 0);
        }
        long target = (long) first.position() + Math.max(maxBytes, first.size());
        int end = target >= limit ? limit : endOfWholeBatches(first.position() + first.size(), (int) target, limit);
        return new FileSliceRecords(channel, first.position(), end - first.position());
    }

    /** The end of the last whole batch that ends at or before {@code target}, scanning from {@code from}. */
    private int endOfWholeBatches(int from, int target, int limit) throws IOException {
        long position = from;
        OffsetPosition hint = offsetIndex.floorByPosition(target);
        if (hint != null && hint.position() > position) {
            position = hint.position();
        }
        BatchHeaderReader reader = new BatchHeaderReader();
        RecordBatch header;
        while ((header = reader.read(channel, position, limit)) != null && position + header.sizeInBytes() <= target) {
            position += header.sizeInBytes();
        }
        return (int) position;
    }

    /** Hands the header of each batch from the one holding {@code fromOffset} to the end to {@code action}. */
    public void forEachBatchHeader(long fromOffset, Consumer<RecordBatch> action) throws IOException {
        int limit = size;
        BatchLocation first = locate(fromOffset, limit);
        if (first == null) {
            return;
        }
        BatchHeaderReader reader = new BatchHeaderReader();
        long position = first.position();
        RecordBatch header;
        while ((header = reader.read(channel, position, limit)) != null) {
            action.accept(header);
            position += header.sizeInBytes();
        }
    }

    /**
     * The first record at or after the time index's hint whose timestamp reaches
     * {@code timestamp}, as (its timestamp, its offset); null if no record of the segment does.
     */
    public TimestampOffset findOffsetByTimestamp(long timestamp) throws IOException {
        TimestampOffset hint = timeIndex.lookup(timestamp);
        long position = offsetIndex.lookup(hint.offset()).position();
        int limit = size;
        BatchHeaderReader reader = new BatchHeaderReader();
        RecordBatch header;
        while ((header = reader.read(channel, position, limit)) != null) {
            if (header.maxTimestamp() >= timestamp) {
                if (header.timestampType() == TimestampType.LOG_APPEND_TIME) {
                    return new TimestampOffset(header.maxTimestamp(), header.baseOffset());
                }
                TimestampOffset found = firstRecordReaching(position, header.sizeInBytes(), timestamp);
                if (found != null) {
                    return found;
                }
            }
            position += header.sizeInBytes();
        }
        return null;
    }

    /**
     * The offset of the first record with exactly {@code timestamp} in the batch ending at
     * {@code batchLastOffset} (what ListOffsets MAX_TIMESTAMP answers), or that last offset if no
     * record carries it.
     */
    public long offsetOfRecordWithTimestamp(long batchLastOffset, long timestamp) throws IOException {
        BatchLocation batch = locate(batchLastOffset, size);
        if (batch == null) {
            return batchLastOffset;
        }
        TimestampOffset found = firstRecordReaching(batch.position(), batch.size(), timestamp);
        return found != null && found.timestamp() == timestamp ? found.offset() : batchLastOffset;
    }

    /** Reads the batch at {@code position} and walks its records (decompressing as needed) for the first reaching the timestamp. */
    private TimestampOffset firstRecordReaching(long position, int batchSize, long timestamp) throws IOException {
        ByteBuf whole = ByteBufAllocator.DEFAULT.heapBuffer(batchSize);
        try (RecordReader records = new RecordReader(ByteBufAllocator.DEFAULT, RecordReader.decompressionLimitFor(batchSize))) {
            BatchHeaderReader.readWhole(channel, position, batchSize, whole);
            records.open(RecordBatch.at(whole, 0));
            while (records.next()) {
                RecordView record = records.record();
                if (record.timestamp() >= timestamp) {
                    return new TimestampOffset(record.timestamp(), record.offset());
                }
            }
            return null;
        } finally {
            whole.release();
        }
    }

    /** A zero-length slice, what a read at the end of the log returns. */
    public FileSliceRecords emptySlice() {
        return new FileSliceRecords(channel, size, 0);
    }

    /** The offset after the last batch, or the base offset of an empty segment. */
    public long readNextOffset() throws IOException {
        int limit = size;
        long position = offsetIndex.entries() == 0 ? 0 : offsetIndex.entry(offsetIndex.entries() - 1).position();
        BatchHeaderReader reader = new BatchHeaderReader();
        long next = baseOffset;
        RecordBatch header;
        while ((header = reader.read(channel, position, limit)) != null) {
            next = header.lastOffset() + 1;
            position += header.sizeInBytes();
        }
        return next;
    }

    /**
     * Rebuilds the indexes by reading every batch, checking its framing, magic and CRC and that
     * offsets increase, and cuts the file at the first batch that fails. Each good batch is
     * handed to {@code onBatch} (a view valid during the call) so producer state and epochs can
     * be rebuilt too.
     *
     * @return the number of bytes cut off the end of the file
     */
    public long recover(int maxIndexSize, Consumer<RecordBatch> onBatch) throws IOException {
        offsetIndex.reset(maxIndexSize);
        timeIndex.reset(maxIndexSize);
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = baseOffset;
        bytesSinceLastIndexEntry = 0;
        long fileSize = channel.size();
        BatchHeaderReader reader = new BatchHeaderReader();
        ByteBuf whole = Unpooled.buffer(RecordBatch.HEADER_SIZE);
        RecordBatch batch = RecordBatch.at(whole, 0);
        long position = 0;
        long nextOffset = baseOffset;
        try {
            RecordBatch header;
            while ((header = reader.read(channel, position, fileSize)) != null) {
                long batchSize = (long) header.batchLength() + RecordBatch.LOG_OVERHEAD;
                if (batchSize < RecordBatch.HEADER_SIZE || position + batchSize > fileSize
                        || header.baseOffset() < nextOffset) {
                    break;
                }
                BatchHeaderReader.readWhole(channel, position, (int) batchSize, whole);
                batch.wrap(whole, 0);
                if (!batch.isValid() || batch.lastOffsetDelta() < 0) {
                    break;
                }
                indexBatch(batch, (int) position);
                onBatch.accept(batch);
                nextOffset = batch.lastOffset() + 1;
                position += batchSize;
            }
        } finally {
            whole.release();
        }
        if (position < fileSize) {
            channel.truncate(position);
        }
        channel.position(position);
        size = (int) position;
        return fileSize - position;
    }

    /**
     * Cuts the segment at the start of the batch holding {@code offset}, so no offset at or after
     * it remains (a batch straddling it goes whole), and drops the index entries past the cut.
     *
     * @return the number of bytes removed
     */
    public int truncateTo(long offset) throws IOException {
        BatchLocation cut = locate(offset, size);
        if (cut == null) {
            return 0;
        }
        int removed = size - cut.position();
        offsetIndex.truncateTo(cut.baseOffset());
        timeIndex.truncateTo(cut.baseOffset());
        size = cut.position();
        channel.truncate(cut.position());
        channel.position(cut.position());
        bytesSinceLastIndexEntry = 0;
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = baseOffset;
        rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
        forEachBatchHeader(baseOffset, batch -> {
            if (batch.baseOffset() == baseOffset || rollingBasedTimestamp == RecordBatch.NO_TIMESTAMP) {
                rollingBasedTimestamp = batch.maxTimestamp();
            }
            if (batch.maxTimestamp() > maxTimestampSoFar) {
                maxTimestampSoFar = batch.maxTimestamp();
                offsetOfMaxTimestampSoFar = batch.lastOffset();
            }
        });
        return removed;
    }

    /** Called when a newer segment takes over appends: final time index entry, indexes trimmed. */
    public void onBecomeInactive() {
        if (maxTimestampSoFar >= 0) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, true);
        }
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    public void flush() throws IOException {
        channel.force(true);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Closes the file after writing the final time index entry and trimming the indexes. */
    public void close() throws IOException {
        onBecomeInactive();
        channel.close();
    }

    /** Renames the files with the {@code .deleted} suffix; reads of the open channel keep working. */
    public void markDeleted() throws IOException {
        changeFileSuffix(SegmentFiles.DELETED_SUFFIX);
    }

    /**
     * Renames the files from their current suffix to {@code newSuffix} (empty for Kafka's plain
     * names), index files first, so the log file's name tells how far a crash let this get.
     * Reads of the open channel keep working.
     */
    public void changeFileSuffix(String newSuffix) throws IOException {
        offsetIndex.renameTo(renamed(offsetIndex.file(), newSuffix));
        timeIndex.renameTo(renamed(timeIndex.file(), newSuffix));
        Path target = renamed(logFile, newSuffix);
        Files.move(logFile, target, StandardCopyOption.REPLACE_EXISTING);
        logFile = target;
        fileSuffix = newSuffix;
    }

    private Path renamed(Path file, String newSuffix) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - fileSuffix.length()) + newSuffix);
    }

    private static Path withSuffix(Path file, String suffix) {
        return suffix.isEmpty() ? file : file.resolveSibling(file.getFileName() + suffix);
    }

    /** Closes the channel and removes the files, wherever they are named now. */
    public void closeAndDelete() throws IOException {
        channel.close();
        Files.deleteIfExists(logFile);
        offsetIndex.deleteIfExists();
        timeIndex.deleteIfExists();
    }

    @Override
    public String toString() {
        return "LogSegment(" + logFile + ", size=" + size + ")";
    }
}
