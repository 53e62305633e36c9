package io.spool.log.cleaner;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spool.wire.records.BatchRewriter;
import io.spool.wire.records.CorruptRecordException;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.RecordReader;
import io.spool.wire.records.RecordView;

import java.util.Arrays;
import java.util.Map;

/**
 * Decides what compaction keeps of each batch and writes that out, by Kafka's rules:
 * <ul>
 * <li>a record at or past the end of the offset map's range is kept (it was not looked at);</li>
 * <li>a record without a key is dropped;</li>
 * <li>a record whose key has a later offset in the map is dropped;</li>
 * <li>a tombstone (null value) is dropped once its batch's delete horizon has passed. A batch
 * kept with a tombstone and no horizon gets one, now plus {@code delete.retention.ms} (KIP-534),
 * so tombstones stay readable that long after compaction first sees them.</li>
 * </ul>
 * A batch that keeps everything (and needs no horizon) is copied byte for byte; one that keeps
 * some records is rewritten with its offsets, producer fields and codec; one that keeps nothing
 * goes, unless it is an idempotent producer's last batch, which stays as an empty header so the
 * producer's sequence survives. Control batches are kept as they are (no transactions yet).
 *
 * <p>Each batch is read twice when it must be rewritten: once to decide (remembered as one bit per
 * record) and once to write the kept records. Not thread-safe; close it to release its buffers.
 */
final class BatchFilter implements AutoCloseable {
    /** The smallest a record can be: length, attributes, timestamp and offset deltas, key and value lengths, header count. */
    private static final int MIN_RECORD_BYTES = 7;

    private final OffsetMap map;
    private final int maxRecords;
    private final RecordReader reader;
    private final BatchRewriter rewriter;
    private long[] keep = new long[16];

    private long mapEndOffset;
    private long nowMs;
    private long deleteRetentionMs;
    private Map<Long, Long> lastBatchOfProducers;
    private long earliestDeleteHorizon;

    BatchFilter(OffsetMap map, ByteBufAllocator allocator, int maxDecompressedBytes) {
        this.map = map;
        this.maxRecords = maxDecompressedBytes / MIN_RECORD_BYTES;
        this.reader = new RecordReader(allocator, maxDecompressedBytes);
        this.rewriter = new BatchRewriter(allocator);
    }

    /**
     * Sets the rules for one compaction.
     *
     * @param mapEndOffset the offset up to which the map covers the log
     * @param lastBatchOfProducers producer id to the last offset of its last batch
     */
    void reset(long mapEndOffset, long nowMs, long deleteRetentionMs, Map<Long, Long> lastBatchOfProducers) {
        this.mapEndOffset = mapEndOffset;
        this.nowMs = nowMs;
        this.deleteRetentionMs = deleteRetentionMs;
        this.lastBatchOfProducers = lastBatchOfProducers;
        this.earliestDeleteHorizon = Long.MAX_VALUE;
    }

    /**
     * The earliest delete horizon of a batch written with a tombstone the map covered (one a
     * later compaction may drop on time alone), or Long.MAX_VALUE. Tombstones past the map's end
     * wait for the compaction that covers them.
     */
    long earliestDeleteHorizon() {
        return earliestDeleteHorizon;
    }

    /** Writes what stays of {@code batch} (CRC already checked) at the writer index of {@code out}. */
    void filter(RecordBatch batch, ByteBuf out) {
        if (batch.isControl()) {
            out.writeBytes(batch.buffer(), batch.index(), batch.sizeInBytes());
            return;
        }
        int count = batch.recordCount();
        if (count < 0 || count > maxRecords) {
            throw new CorruptRecordException("batch at offset " + batch.baseOffset() + " declares " + count + " records");
        }
        if (keep.length * 64L < count) {
            keep = new long[(count + 63) / 64];
        } else {
            Arrays.fill(keep, 0, (count + 63) / 64, 0L);
        }
        boolean horizonPassed = batch.hasDeleteHorizon() && nowMs >= batch.baseTimestamp();
        int kept = 0;
        boolean keptTombstone = false;
        boolean keptMappedTombstone = false;
        reader.open(batch);
        for (int i = 0; reader.next(); i++) {
            RecordView record = reader.record();
            if (retain(record, horizonPassed)) {
                keep[i >>> 6] |= 1L << i;
                kept++;
                keptTombstone |= !record.hasValue();
                keptMappedTombstone |= !record.hasValue() && record.offset() < mapEndOffset;
            }
        }
        if (kept == 0) {
            Long producersLast = batch.hasProducerId() ? lastBatchOfProducers.get(batch.producerId()) : null;
            if (producersLast != null && producersLast == batch.lastOffset()) {
                BatchRewriter.writeEmpty(batch, out);
            }
            return;
        }
        boolean stampHorizon = keptTombstone && !batch.hasDeleteHorizon();
        if (keptMappedTombstone) {
            earliestDeleteHorizon = Math.min(earliestDeleteHorizon,
                    stampHorizon ? nowMs + deleteRetentionMs : batch.baseTimestamp());
        }
        if (kept == count && !stampHorizon) {
            out.writeBytes(batch.buffer(), batch.index(), batch.sizeInBytes());
            return;
        }
        rewriter.start(batch, out, stampHorizon ? nowMs + deleteRetentionMs : RecordBatch.NO_TIMESTAMP);
        reader.open(batch);
        for (int i = 0; reader.next(); i++) {
            if ((keep[i >>> 6] & (1L << i)) != 0) {
                rewriter.append(reader.record());
            }
        }
        rewriter.finish();
    }

    private boolean retain(RecordView record, boolean horizonPassed) {
        if (record.offset() >= mapEndOffset) {
            return true;
        }
        if (!record.hasKey()) {
            return false;
        }
        if (map.get(record.buffer(), record.keyIndex(), record.keyLength()) > record.offset()) {
            return false;
        }
        return record.hasValue() || !horizonPassed;
    }

    @Override
    public void close() {
        reader.close();
        rewriter.close();
    }
}
