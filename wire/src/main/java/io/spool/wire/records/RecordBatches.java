package io.spool.wire.records;

import io.netty.buffer.ByteBuf;

/**
 * Walks the batches laid end to end in a records buffer (a produce request's records, a segment's
 * bytes) from its reader index to its writer index, through one reused {@link RecordBatch} view.
 * Each step checks the framing (whole batch present, sane length, magic 2) but not the CRC; the
 * buffer's indexes are left alone.
 */
public final class RecordBatches {
    private final RecordBatch view = new RecordBatch();
    private ByteBuf records;
    private int next;

    public RecordBatches(ByteBuf records) {
        reset(records);
    }

    /** Starts over on another buffer, reusing this cursor. */
    public RecordBatches reset(ByteBuf records) {
        this.records = records;
        this.next = records.readerIndex();
        return this;
    }

    /**
     * Moves to the next batch; false at the end of the records.
     *
     * @throws CorruptRecordException if the bytes left do not start with a whole v2 batch
     */
    public boolean next() {
        if (next == records.writerIndex()) {
            return false;
        }
        view.wrap(records, next);
        String problem = view.framingProblem();
        if (problem != null) {
            throw new CorruptRecordException(problem);
        }
        next += view.sizeInBytes();
        return true;
    }

    /** The current batch; the same view instance at every step. */
    public RecordBatch batch() {
        return view;
    }

    /**
     * How many leading readable bytes of {@code records} form whole batches with valid framing and
     * CRC: where log recovery cuts a torn or corrupted tail.
     */
    public static int validBytesPrefix(ByteBuf records) {
        RecordBatch batch = new RecordBatch();
        int start = records.readerIndex();
        int position = start;
        while (position < records.writerIndex()) {
            batch.wrap(records, position);
            if (!batch.isValid()) {
                break;
            }
            position += batch.sizeInBytes();
        }
        return position - start;
    }
}
