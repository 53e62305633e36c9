package io.spool.wire.records;

import io.netty.buffer.ByteBufAllocator;

/**
 * The format checks a broker applies to a batch a producer sent: framing, magic, CRC, and that the
 * records (decompressed within the limit) parse and agree with the header: record count, offset
 * deltas 0..n-1 in order, last offset delta, every length, nothing after the last record. Policy
 * (control batches from clients, sequence numbers, timestamps) is the caller's. Reuses its buffers
 * across batches; not thread-safe; close it to release them.
 */
public final class BatchValidator implements AutoCloseable {
    private final RecordReader reader;
    private long maxTimestamp;
    private boolean keyless;

    public BatchValidator(ByteBufAllocator allocator, int maxDecompressedBytes) {
        this.reader = new RecordReader(allocator, maxDecompressedBytes);
    }

    /** @throws CorruptRecordException saying what is wrong with the batch */
    public void validate(RecordBatch batch) {
        batch.ensureValid();
        int count = batch.recordCount();
        if (count <= 0) {
            throw new CorruptRecordException("record batch at offset " + batch.baseOffset()
                    + " has invalid record count " + count);
        }
        if (batch.lastOffsetDelta() != count - 1) {
            throw new CorruptRecordException("record batch at offset " + batch.baseOffset() + " has last offset delta "
                    + batch.lastOffsetDelta() + " for " + count + " records");
        }
        long max = RecordBatch.NO_TIMESTAMP;
        boolean withoutKey = false;
        reader.open(batch);
        for (int expected = 0; reader.next(); expected++) {
            RecordView record = reader.record();
            if (record.offsetDelta() != expected) {
                throw new CorruptRecordException("record " + expected + " of batch at offset " + batch.baseOffset()
                        + " has offset delta " + record.offsetDelta());
            }
            max = Math.max(max, record.timestamp());
            withoutKey |= !record.hasKey();
        }
        if (reader.hasTrailingBytes()) {
            throw new CorruptRecordException("record batch at offset " + batch.baseOffset()
                    + " has bytes after its " + count + " records");
        }
        maxTimestamp = max;
        keyless = withoutKey;
    }

    /** The largest record timestamp of the batch last validated (what the broker may stamp as its max). */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    /** Whether a record of the batch last validated has a null key (which a compacted topic refuses). */
    public boolean hasRecordWithoutKey() {
        return keyless;
    }

    @Override
    public void close() {
        reader.close();
    }
}
