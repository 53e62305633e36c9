package io.spool.log;

import io.netty.buffer.ByteBuf;
import io.spool.log.epoch.EpochEntry;
import io.spool.log.epoch.LeaderEpochCache;
import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.log.index.IndexCorruptException;
import io.spool.log.index.TimestampOffset;
import io.spool.log.producer.BatchMetadata;
import io.spool.log.producer.ProducerAppend;
import io.spool.log.producer.ProducerStateEntry;
import io.spool.log.producer.ProducerStateManager;
import io.spool.log.segment.BatchLocation;
import io.spool.log.segment.LogSegment;
import io.spool.log.segment.SegmentFiles;
import io.spool.log.segment.SwapRecovery;
import io.spool.log.time.Time;
import io.spool.wire.protocol.FileSliceRecords;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.TimestampType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log of one partition: segments in a {@code <topic>-<partition>} directory.
 *
 * <p>Appends (and everything else that changes the segment list) are serialized by one lock.
 * Reads take no lock: the segment map is concurrent, offsets are volatile, and a segment removed
 * by retention keeps its file channel open for {@code file.delete.delay.ms}, so a read or a
 * sendfile already under way finishes.
 */
public final class Log {
    private static final System.Logger LOG = System.getLogger(Log.class.getName());

    private final TopicPartition topicPartition;
    private final Time time;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final ProducerStateManager producerState;
    private final LeaderEpochCache leaderEpochs;
    private volatile Path dir;
    private volatile LogConfig config;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private volatile long highWatermark;
    private volatile long recoveryPoint;
    private volatile boolean closed;
    /** Raised after each truncation that removed records, so the cleaner can tell its copy is stale. */
    private volatile long truncations;
    private long unflushedMessages;
    private volatile long lastFlushMs;

    private Log(Path dir, TopicPartition topicPartition, LogConfig config, long producerIdExpirationMs, Time time,
                ScheduledExecutorService scheduler) throws IOException {
        this.dir = dir;
        this.topicPartition = topicPartition;
        this.config = config;
        this.time = time;
        this.scheduler = scheduler;
        Files.createDirectories(dir);
        this.producerState = new ProducerStateManager(dir, producerIdExpirationMs);
        this.leaderEpochs = new LeaderEpochCache(dir);
        this.lastFlushMs = time.milliseconds();
    }

    /**
     * Opens (or creates) the log in {@code dir}. After an unclean shutdown every segment from the
     * one holding {@code recoveryPoint} on is re-read and cut at its first invalid batch; indexes
     * that are missing or corrupt are rebuilt either way, and producer state is rebuilt from the
     * latest snapshot plus the batches after it. Before any of that, a compaction swap a crash
     * interrupted is finished or undone ({@link SwapRecovery}).
     *
     * @param scheduler runs background flushes and delayed file deletion
     */
    public static Log open(Path dir, TopicPartition topicPartition, LogConfig config, long recoveryPoint,
                           long checkpointedLogStartOffset, boolean cleanShutdown, long producerIdExpirationMs,
                           Time time, ScheduledExecutorService scheduler) throws IOException {
        Log log = new Log(dir, topicPartition, config, producerIdExpirationMs, time, scheduler);
        log.load(recoveryPoint, checkpointedLogStartOffset, cleanShutdown);
        return log;
    }

    private void load(long checkpointedRecoveryPoint, long checkpointedLogStartOffset, boolean cleanShutdown)
            throws IOException {
        SwapRecovery.run(dir);
        TreeSet<Long> baseOffsets = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(SegmentFiles.DELETED_SUFFIX) || name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                    continue;
                }
                long base = SegmentFiles.baseOffsetOf(file, SegmentFiles.LOG_SUFFIX);
                if (base >= 0) {
                    baseOffsets.add(base);
                }
            }
        }
        deleteOrphanIndexes(baseOffsets);
        LogConfig cfg = config;
        long now = time.milliseconds();
        for (long base : baseOffsets) {
            segments.put(base, LogSegment.open(dir, base, cfg.indexIntervalBytes(), cfg.segmentIndexBytes(), now));
        }
        if (segments.isEmpty()) {
            long start = Math.max(checkpointedLogStartOffset, 0);
            segments.put(start, LogSegment.open(dir, start, cfg.indexIntervalBytes(), cfg.segmentIndexBytes(), now));
        }
        // After an unclean shutdown, re-read from the segment holding the recovery point on.
        long recoverFrom = Long.MAX_VALUE;
        if (!cleanShutdown) {
            Long holding = segments.floorKey(checkpointedRecoveryPoint);
            recoverFrom = holding == null ? segments.firstKey() : holding;
        }
        for (LogSegment segment : new ArrayList<>(segments.values())) {
            if (!segments.containsKey(segment.baseOffset())) {
                continue; // removed after an earlier segment was cut
            }
            boolean rebuild = segment.baseOffset() >= recoverFrom || segment.indexesWereMissing() || !indexesSane(segment);
            if (rebuild) {
                long cut = segment.recover(cfg.segmentIndexBytes(), batch -> { });
                if (cut > 0) {
                    LOG.log(Level.WARNING, "{0}: cut {1} bytes of invalid or torn data off {2}",
                            topicPartition, cut, segment.logFile());
                    removeSegmentsAfter(segment.baseOffset());
                }
                if (segment != segments.lastEntry().getValue()) {
                    segment.onBecomeInactive();
                }
            }
        }
        LogSegment active = segments.lastEntry().getValue();
        active.resizeIndexes(cfg.segmentIndexBytes());
        logEndOffset = active.readNextOffset();
        logStartOffset = Math.max(checkpointedLogStartOffset, segments.firstKey());
        if (logStartOffset > logEndOffset) {
            logStartOffset = logEndOffset;
        }
        rebuildLeaderEpochs(recoverFrom);
        leaderEpochs.truncateFromEnd(logEndOffset);
        leaderEpochs.truncateFromStart(logStartOffset);
        rebuildProducerState(now);
        if (!cleanShutdown) {
            flush(logEndOffset);
        }
        recoveryPoint = logEndOffset;
        highWatermark = logEndOffset;
    }

    private boolean indexesSane(LogSegment segment) {
        try {
            segment.sanityCheckIndexes();
            return true;
        } catch (IndexCorruptException e) {
            LOG.log(Level.WARNING, "{0}: rebuilding the indexes of {1}: {2}", topicPartition, segment.logFile(), e.getMessage());
            return false;
        }
    }

    private void deleteOrphanIndexes(TreeSet<Long> logBaseOffsets) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                long base = Math.max(SegmentFiles.baseOffsetOf(file, SegmentFiles.INDEX_SUFFIX),
                        SegmentFiles.baseOffsetOf(file, SegmentFiles.TIME_INDEX_SUFFIX));
                if (base >= 0 && !logBaseOffsets.contains(base)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void removeSegmentsAfter(long baseOffset) throws IOException {
        for (LogSegment later : new ArrayList<>(segments.tailMap(baseOffset, false).values())) {
            segments.remove(later.baseOffset());
            later.closeAndDelete();
        }
    }

    /** Epochs written after the recovery point may be missing from the checkpoint after a crash. */
    private void rebuildLeaderEpochs(long recoverFrom) throws IOException {
        if (recoverFrom == Long.MAX_VALUE) {
            return;
        }
        for (LogSegment segment : segments.tailMap(recoverFrom, true).values()) {
            segment.forEachBatchHeader(segment.baseOffset(),
                    batch -> leaderEpochs.assign(batch.partitionLeaderEpoch(), batch.baseOffset()));
        }
    }

    private void rebuildProducerState(long now) throws IOException {
        producerState.loadSnapshot(logStartOffset, logEndOffset, now);
        long from = producerState.mapEndOffset();
        if (from < logEndOffset) {
            Long first = segments.floorKey(from);
            for (LogSegment segment : segments.tailMap(first == null ? segments.firstKey() : first, true).values()) {
                segment.forEachBatchHeader(from, batch -> {
                    if (batch.lastOffset() >= from) {
                        producerState.replay(batch);
                    }
                });
            }
        }
        producerState.takeSnapshot();
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Applies new settings to later appends, rolls and retention checks. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record gets. */
    public long logEndOffset() {
        return logEndOffset;
    }

    public long highWatermark() {
        return highWatermark;
    }

    /**
     * Sets the offset below which records count as committed (consumers read up to it; retention
     * never deletes past it). Kept within [log start, log end]. A single broker sets it to the log
     * end after each append; replication will move it as followers catch up.
     */
    public void setHighWatermark(long offset) {
        lock.lock();
        try {
            highWatermark = Math.max(logStartOffset, Math.min(offset, logEndOffset));
        } finally {
            lock.unlock();
        }
    }

    /** The offset below which everything is known to be on disk. */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** Bytes in all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.size();
        }
        return total;
    }

    public int numberOfSegments() {
        return segments.size();
    }

    /** Base offsets of the segments, oldest first. */
    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    /** The segments, oldest first, as they are now (the last is the active one). For the cleaner, which reads them without the lock. */
    public List<LogSegment> segments() {
        return List.copyOf(segments.values());
    }

    /**
     * How many times {@link #truncateTo} has removed records since the log was opened. The cleaner
     * reads it before {@link #segments()} and hands it to {@link #replaceSegments}, which refuses
     * a copy made before a truncation (a truncated segment may since have been refilled).
     */
    public long truncations() {
        return truncations;
    }

    /** The leader epoch history of the log. */
    public LeaderEpochCache leaderEpochs() {
        return leaderEpochs;
    }

    /**
     * Appends client batches as the leader: checks them, re-encodes those whose codec is not the
     * topic's {@code compression.type} (see {@link StoredCompression}), gives them offsets from the
     * log end in place, stamps the leader epoch (and LogAppendTime if the topic says so), and
     * writes them in one write to the active segment.
     *
     * @param records whole batches in the readable bytes of the buffer, modified in place (a
     *     re-encoded batch is stored from a copy, and the buffer keeps the client's codec)
     * @throws LogException CORRUPT_MESSAGE (framing, CRC or records), INVALID_RECORD, MESSAGE_TOO_LARGE
     *     (also for a batch the topic's codec makes too large), RECORD_LIST_TOO_LARGE, INVALID_TIMESTAMP, INVALID_PRODUCER_EPOCH,
     *     OUT_OF_ORDER_SEQUENCE_NUMBER, KAFKA_STORAGE_ERROR
     */
    public AppendResult appendAsLeader(ByteBuf records, int leaderEpoch) {
        LogConfig cfg = config;
        int batchCount = AppendValidator.validate(records, cfg, time.milliseconds());
        if (batchCount == 0) {
            return new AppendResult(-1L, -1L, RecordBatch.NO_TIMESTAMP, logStartOffset, false);
        }
        ByteBuf reencoded = StoredCompression.reencode(records, batchCount, cfg);
        if (reencoded == null) {
            return appendValidated(records, batchCount, leaderEpoch, cfg);
        }
        try {
            return appendValidated(reencoded, batchCount, leaderEpoch, cfg);
        } finally {
            reencoded.release();
        }
    }

    /** Offsets, epoch and LogAppendTime stamped in place, then one write; the batches passed validation. */
    private AppendResult appendValidated(ByteBuf records, int batchCount, int leaderEpoch, LogConfig cfg) {
        lock.lock();
        try {
            ensureOpen();
            long now = time.milliseconds();
            boolean logAppendTime = cfg.messageTimestampType() == TimestampType.LOG_APPEND_TIME;
            ProducerAppend producers = producerState.startAppend();
            long firstOffset = logEndOffset;
            long nextOffset = firstOffset;
            long maxTimestamp = RecordBatch.NO_TIMESTAMP;
            RecordBatch batch = RecordBatch.at(records, records.readerIndex());
            int index = records.readerIndex();
            for (int i = 0; i < batchCount; i++, index += batch.sizeInBytes()) {
                batch.wrap(records, index);
                BatchMetadata duplicate = producers.check(batch);
                if (duplicate != null) {
                    return new AppendResult(duplicate.firstOffset(), duplicate.lastOffset(),
                            logAppendTime ? duplicate.timestamp() : RecordBatch.NO_TIMESTAMP, logStartOffset, true);
                }
                batch.setBaseOffset(nextOffset);
                batch.setPartitionLeaderEpoch(leaderEpoch);
                if (logAppendTime) {
                    batch.setMaxTimestampAndType(now, TimestampType.LOG_APPEND_TIME);
                }
                maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
                producers.add(batch);
                nextOffset = batch.lastOffset() + 1;
            }
            LogSegment segment = maybeRoll(records.readableBytes(), nextOffset - 1, maxTimestamp, cfg, now);
            segment.append(records);
            if (leaderEpoch >= 0) {
                leaderEpochs.assign(leaderEpoch, firstOffset);
            }
            producers.commit(nextOffset);
            logEndOffset = nextOffset;
            afterAppend(nextOffset - firstOffset, cfg);
            return new AppendResult(firstOffset, nextOffset - 1, logAppendTime ? now : RecordBatch.NO_TIMESTAMP,
                    logStartOffset, false);
        } catch (IOException e) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "cannot append to " + topicPartition + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends batches that already carry their offsets (a follower copying its leader): checks
     * framing and CRC and that offsets continue from the log end; producer state and leader
     * epochs follow the batches without sequence checks.
     */
    public void appendAsFollower(ByteBuf records) {
        int batchCount = AppendValidator.validateFraming(records);
        lock.lock();
        try {
            ensureOpen();
            RecordBatch batch = RecordBatch.at(records, records.readerIndex());
            long nextOffset = logEndOffset;
            long maxTimestamp = RecordBatch.NO_TIMESTAMP;
            int index = records.readerIndex();
            for (int i = 0; i < batchCount; i++, index += batch.sizeInBytes()) {
                batch.wrap(records, index);
                if (batch.baseOffset() < nextOffset) {
                    throw new LogException(LogError.INVALID_RECORD, "batch at offset " + batch.baseOffset()
                            + " does not follow the log end " + nextOffset + " of " + topicPartition);
                }
                maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
                nextOffset = batch.lastOffset() + 1;
            }
            if (batchCount == 0) {
                return;
            }
            LogSegment segment = maybeRoll(records.readableBytes(), nextOffset - 1, maxTimestamp, config, time.milliseconds());
            segment.append(records);
            index = records.readerIndex();
            for (int i = 0; i < batchCount; i++, index += batch.sizeInBytes()) {
                batch.wrap(records, index);
                leaderEpochs.assign(batch.partitionLeaderEpoch(), batch.baseOffset());
                producerState.replay(batch);
            }
            long firstOffset = logEndOffset;
            logEndOffset = nextOffset;
            afterAppend(nextOffset - firstOffset, config);
        } catch (IOException e) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "cannot append to " + topicPartition + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    private void afterAppend(long messages, LogConfig cfg) {
        unflushedMessages += messages;
        if (unflushedMessages >= cfg.flushMessages()) {
            unflushedMessages = 0;
            long upTo = logEndOffset;
            background(() -> flushQuietly(upTo));
        }
    }

    /** The active segment, after rolling a new one when the append would overfill it or it is due. */
    private LogSegment maybeRoll(int appendBytes, long lastOffset, long maxTimestamp, LogConfig cfg, long now)
            throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        boolean full = (long) active.size() + appendBytes > cfg.segmentBytes();
        boolean due = active.size() > 0 && active.timeWaitedForRoll(now, maxTimestamp) > cfg.maxSegmentMs() - rollJitter(cfg);
        boolean offsetsOverflow = lastOffset - active.baseOffset() > Integer.MAX_VALUE;
        if (active.size() > 0 && (full || due || active.indexesFull() || offsetsOverflow)) {
            return roll();
        }
        return active;
    }

    /** A stable jitter per partition, as Kafka spreads rolls of many partitions. */
    private long rollJitter(LogConfig cfg) {
        long jitter = cfg.segmentJitterMs();
        return jitter <= 0 ? 0 : Math.floorMod(topicPartition.hashCode(), Math.min(jitter, cfg.maxSegmentMs()));
    }

    /** Starts a new active segment at the log end; the old one is flushed in the background. Caller holds the lock. */
    private LogSegment roll() throws IOException {
        long newBase = logEndOffset;
        LogSegment active = segments.lastEntry().getValue();
        if (active.baseOffset() == newBase) {
            return active;
        }
        active.onBecomeInactive();
        LogConfig cfg = config;
        LogSegment next = LogSegment.open(dir, newBase, cfg.indexIntervalBytes(), cfg.segmentIndexBytes(),
                time.milliseconds());
        segments.put(newBase, next);
        producerState.takeSnapshot();
        background(() -> flushQuietly(newBase));
        return next;
    }

    /** Rolls a new segment now (if the active one holds anything). */
    public void forceRoll() {
        lock.lock();
        try {
            ensureOpen();
            if (segments.lastEntry().getValue().size() > 0) {
                roll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads whole batches from the one holding {@code offset}, at most {@code maxBytes} but always
     * at least one batch (KIP-74), never including a batch at or after {@code maxOffsetExclusive}
     * (the high watermark for consumers, the log end for followers).
     *
     * @throws LogException OFFSET_OUT_OF_RANGE if {@code offset} is outside [log start, log end]
     */
    public FileSliceRecords read(long offset, int maxBytes, long maxOffsetExclusive) {
        return read(offset, maxBytes, maxOffsetExclusive, true);
    }

    /** As {@link #read(long, int, long)}; with {@code minOneBatch} false a first batch larger than maxBytes gives an empty slice. */
    public FileSliceRecords read(long offset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        long end = logEndOffset;
        long start = logStartOffset;
        if (offset < start || offset > end) {
            throw new LogException(LogError.OFFSET_OUT_OF_RANGE, "offset " + offset + " is outside [" + start + ", "
                    + end + "] of " + topicPartition);
        }
        long limitOffset = Math.min(maxOffsetExclusive, end);
        try {
            Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
            if (entry == null) {
                entry = segments.firstEntry();
            }
            while (entry != null && offset < limitOffset) {
                LogSegment segment = entry.getValue();
                Long nextBase = segments.higherKey(segment.baseOffset());
                int maxPosition = segment.size();
                if (nextBase == null || limitOffset < nextBase) {
                    BatchLocation limit = segment.locate(limitOffset, maxPosition);
                    if (limit != null) {
                        maxPosition = limit.position();
                    }
                }
                FileSliceRecords slice = segment.read(offset, maxBytes, maxPosition, minOneBatch);
                if (slice != null) {
                    return slice;
                }
                entry = segments.higherEntry(segment.baseOffset());
            }
            return segments.lastEntry().getValue().emptySlice();
        } catch (IOException e) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "cannot read " + topicPartition + ": " + e, e);
        }
    }

    /**
     * The first record whose timestamp is at least {@code timestamp}, as ListOffsets by time
     * answers; empty if no record is that late.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        try {
            for (LogSegment segment : segments.values()) {
                if (segment.maxTimestampSoFar() < timestamp) {
                    continue;
                }
                TimestampOffset found = segment.findOffsetByTimestamp(timestamp);
                if (found != null) {
                    long offset = Math.max(found.offset(), logStartOffset);
                    return Optional.of(new TimestampAndOffset(found.timestamp(), offset, epochFor(offset)));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "cannot search " + topicPartition + ": " + e, e);
        }
    }

    /** The largest timestamp in the log and the offset of the first record carrying it (ListOffsets MAX_TIMESTAMP). */
    public Optional<TimestampAndOffset> maxTimestamp() {
        LogSegment holder = null;
        for (LogSegment segment : segments.values()) {
            if (segment.maxTimestampSoFar() >= 0 && (holder == null || segment.maxTimestampSoFar() > holder.maxTimestampSoFar())) {
                holder = segment;
            }
        }
        if (holder == null) {
            return Optional.empty();
        }
        long max = holder.maxTimestampSoFar();
        try {
            long offset = holder.offsetOfRecordWithTimestamp(holder.offsetOfMaxTimestampSoFar(), max);
            return Optional.of(new TimestampAndOffset(max, offset, epochFor(offset)));
        } catch (IOException e) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "cannot search " + topicPartition + ": " + e, e);
        }
    }

    /** The leader epoch an offset was written in, or -1. */
    public int epochFor(long offset) {
        int epoch = -1;
        for (EpochEntry entry : leaderEpochs.entries()) {
            if (entry.startOffset() > offset) {
                break;
            }
            epoch = entry.epoch();
        }
        return epoch;
    }

    /**
     * Deletes whole segments from the oldest while they are past {@code retention.ms}, while the
     * log exceeds {@code retention.bytes}, or while they lie wholly below the log start offset;
     * never beyond the high watermark. The log start offset moves to the first kept segment.
     *
     * @return how many segments were deleted
     */
    public int deleteOldSegments() {
        lock.lock();
        try {
            ensureOpen();
            LogConfig cfg = config;
            long now = time.milliseconds();
            long excessBytes = cfg.retentionBytes() < 0 ? 0 : sizeInBytes() - cfg.retentionBytes();
            List<LogSegment> deletable = new ArrayList<>();
            for (LogSegment segment : segments.values()) {
                Long nextBase = segments.higherKey(segment.baseOffset());
                long segmentEnd = nextBase == null ? logEndOffset : nextBase;
                // An empty segment ends the scan only as the active one; compaction can empty older ones.
                if ((nextBase == null && segment.size() == 0) || segmentEnd > highWatermark) {
                    break;
                }
                boolean belowStart = nextBase != null && nextBase <= logStartOffset;
                boolean expired = cfg.deleteEnabled() && cfg.retentionMs() >= 0
                        && now - segment.largestTimestamp() > cfg.retentionMs();
                boolean oversized = cfg.deleteEnabled() && excessBytes >= segment.size() && cfg.retentionBytes() >= 0;
                if (!(belowStart || expired || oversized)) {
                    break;
                }
                excessBytes -= segment.size();
                deletable.add(segment);
            }
            if (deletable.isEmpty()) {
                return 0;
            }
            if (deletable.size() == segments.size()) {
                roll();
            }
            for (LogSegment segment : deletable) {
                segments.remove(segment.baseOffset());
                segment.markDeleted();
                scheduleDelete(segment, cfg);
            }
            long newStart = Math.max(logStartOffset, segments.firstKey());
            logStartOffset = newStart;
            highWatermark = Math.max(highWatermark, newStart);
            recoveryPoint = Math.max(recoveryPoint, newStart);
            leaderEpochs.truncateFromStart(newStart);
            producerState.deleteSnapshotsBelow(newStart);
            LOG.log(Level.INFO, "{0}: deleted {1} segment(s) by retention, log start offset now {2}",
                    topicPartition, deletable.size(), newStart);
            return deletable.size();
        } catch (IOException e) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "cannot apply retention to " + topicPartition, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every offset at or after {@code targetOffset} (a follower diverging from its leader,
     * by the leader epoch history). A batch holding the target is removed whole, so the log end
     * may end up below it. The high watermark, recovery point, epochs and producer state follow.
     *
     * @return whether anything was removed
     */
    public boolean truncateTo(long targetOffset) {
        lock.lock();
        try {
            ensureOpen();
            if (targetOffset >= logEndOffset) {
                return false;
            }
            if (targetOffset < logStartOffset) {
                throw new LogException(LogError.OFFSET_OUT_OF_RANGE, "cannot truncate " + topicPartition + " to "
                        + targetOffset + ", below its log start offset " + logStartOffset);
            }
            LogConfig cfg = config;
            for (LogSegment segment : new ArrayList<>(segments.tailMap(targetOffset, true).values())) {
                if (segment.baseOffset() == segments.firstKey()) {
                    break;
                }
                segments.remove(segment.baseOffset());
                segment.markDeleted();
                scheduleDelete(segment, cfg);
            }
            LogSegment active = segments.lastEntry().getValue();
            active.truncateTo(targetOffset);
            truncations++;
            active.resizeIndexes(cfg.segmentIndexBytes());
            logEndOffset = active.readNextOffset();
            highWatermark = Math.min(highWatermark, logEndOffset);
            recoveryPoint = Math.min(recoveryPoint, logEndOffset);
            leaderEpochs.truncateFromEnd(logEndOffset);
            rebuildProducerState(time.milliseconds());
            return true;
        } catch (IOException e) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "cannot truncate " + topicPartition + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /** Moves the log start offset forward (DeleteRecords); whole segments below it go at the next retention pass. */
    public void advanceLogStartOffset(long offset) {
        lock.lock();
        try {
            if (offset > highWatermark) {
                throw new LogException(LogError.OFFSET_OUT_OF_RANGE, "cannot move the log start of " + topicPartition
                        + " to " + offset + ", above the high watermark " + highWatermark);
            }
            if (offset > logStartOffset) {
                logStartOffset = offset;
                leaderEpochs.truncateFromStart(offset);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets idle producers ({@code producer.id.expiration.ms}). */
    public void removeExpiredProducers() {
        lock.lock();
        try {
            producerState.removeExpired(time.milliseconds());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The last offset of each known producer's last batch: compaction keeps that batch, emptied if
     * need be, so the producer's epoch and sequence survive in the log.
     */
    public Map<Long, Long> lastBatchOffsetsOfProducers() {
        lock.lock();
        try {
            Map<Long, Long> offsets = new HashMap<>();
            for (ProducerStateEntry producer : producerState.producers()) {
                BatchMetadata last = producer.lastBatch();
                if (last != null) {
                    offsets.put(producer.producerId(), last.lastOffset());
                }
            }
            return offsets;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts a compacted copy in place of the segments it was made from. The copy, written and
     * synced under {@code .cleaned} names with the first replaced segment's base offset, is
     * renamed {@code .swap}; the replaced segments are renamed {@code .deleted} (and removed after
     * {@code file.delete.delay.ms}, when reads under way are done); then the copy takes the plain
     * names. A crash at any step is finished or undone when the log is next opened
     * ({@link SwapRecovery}).
     *
     * @param replaced consecutive inactive segments, oldest first
     * @param truncationsSeen {@link #truncations()} read before the replaced segments were listed
     * @return false, leaving the log as it was, when the log changed under the cleaner: it is
     *     closed, was truncated since, or a replaced segment is gone (retention) or is now the
     *     active one. The caller then deletes the copy.
     */
    public boolean replaceSegments(LogSegment cleaned, List<LogSegment> replaced, long truncationsSeen) {
        if (replaced.isEmpty() || cleaned.baseOffset() != replaced.get(0).baseOffset()) {
            throw new IllegalArgumentException("the copy must start where the replaced segments start");
        }
        lock.lock();
        try {
            if (closed || truncations != truncationsSeen) {
                return false;
            }
            long activeBase = segments.lastKey();
            for (LogSegment old : replaced) {
                if (segments.get(old.baseOffset()) != old || old.baseOffset() >= activeBase) {
                    return false;
                }
            }
            cleaned.changeFileSuffix(SegmentFiles.SWAP_SUFFIX);
            SwapRecovery.syncDirectory(dir);
            LogConfig cfg = config;
            segments.put(cleaned.baseOffset(), cleaned);
            for (LogSegment old : replaced) {
                if (old.baseOffset() != cleaned.baseOffset()) {
                    segments.remove(old.baseOffset());
                }
                old.markDeleted();
                scheduleDelete(old, cfg);
            }
            cleaned.changeFileSuffix("");
            SwapRecovery.syncDirectory(dir);
            return true;
        } catch (IOException e) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "cannot swap compacted segments into " + topicPartition
                    + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /** The producer state, for inspection (tests, DescribeProducers); change it only under the log's lock. */
    public ProducerStateManager producerState() {
        return producerState;
    }

    /** Syncs the segments holding offsets below {@code offset} to disk and moves the recovery point there. */
    public void flush(long offset) throws IOException {
        long upTo = Math.min(offset, logEndOffset);
        long from = recoveryPoint;
        if (upTo <= from) {
            return;
        }
        Long firstBase = segments.floorKey(from);
        for (LogSegment segment : segments.subMap(firstBase == null ? segments.firstKey() : firstBase, true, upTo, false)
                .values()) {
            segment.flush();
        }
        lastFlushMs = time.milliseconds();
        synchronized (this) {
            recoveryPoint = Math.max(recoveryPoint, upTo);
        }
    }

    /** Flushes when {@code flush.ms} has passed since the last flush and there is something to flush. */
    public void flushIfDue() {
        long flushMs = config.flushMs();
        if (flushMs != Long.MAX_VALUE && time.milliseconds() - lastFlushMs >= flushMs && logEndOffset > recoveryPoint) {
            flushQuietly(logEndOffset);
        }
    }

    /** Runs work off the caller's thread, or on it once the scheduler has stopped (shutdown). */
    private void background(Runnable work) {
        try {
            scheduler.execute(work);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    private void flushQuietly(long offset) {
        try {
            if (!closed) {
                flush(offset);
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Flushing " + topicPartition + " failed", e);
        }
    }

    /** Closes and removes a segment's renamed files after {@code file.delete.delay.ms}, once reads under way are done. */
    private void scheduleDelete(LogSegment segment, LogConfig cfg) {
        try {
            scheduler.schedule(() -> deleteQuietly(segment), cfg.fileDeleteDelayMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: the .deleted files are removed when the log is next opened.
        }
    }

    private void deleteQuietly(LogSegment segment) {
        try {
            segment.closeAndDelete();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Deleting " + segment + " failed", e);
        }
    }

    /** Writes a producer snapshot, syncs everything and closes the files (a clean shutdown of this log). */
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            producerState.takeSnapshot();
            flush(logEndOffset);
            closed = true;
            for (LogSegment segment : segments.values()) {
                segment.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the log for deletion: no more appends or reads; files stay open for in-flight reads. */
    void markForDeletion(Path renamedDir) {
        lock.lock();
        try {
            closed = true;
            dir = renamedDir;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the files of a log marked for deletion. */
    void closeFilesForDeletion() throws IOException {
        for (LogSegment segment : segments.values()) {
            segment.closeAndDelete();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogException(LogError.KAFKA_STORAGE_ERROR, "log of " + topicPartition + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Log(" + topicPartition + ", " + dir + ")";
    }
}
