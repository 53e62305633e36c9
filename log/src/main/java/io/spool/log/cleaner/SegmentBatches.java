package io.spool.log.cleaner;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spool.log.segment.LogSegment;
import io.spool.wire.protocol.FileSliceRecords;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.RecordBatches;

import java.io.IOException;

/**
 * Reads the batches of a segment in chunks of whole batches through one reused heap buffer (grown
 * for a batch larger than it, shrunk back afterwards), checking each batch's CRC: the cleaner
 * never copies or rewrites a corrupted batch. Not thread-safe; close it to release the buffer.
 */
final class SegmentBatches implements AutoCloseable {
    /** What to do with each batch; false stops the walk. The view is valid only during the call. */
    interface Visitor {
        boolean visit(RecordBatch batch) throws IOException;
    }

    private final ByteBufAllocator allocator;
    private final int chunkSize;
    private final RecordBatches cursor;
    private ByteBuf buffer;

    SegmentBatches(ByteBufAllocator allocator, int chunkSize) {
        this.allocator = allocator;
        this.chunkSize = chunkSize;
        this.buffer = allocator.heapBuffer(chunkSize);
        this.cursor = new RecordBatches(buffer);
    }

    /**
     * Hands each batch from the one holding {@code fromOffset} to the end of the segment to
     * {@code visitor}, until it returns false.
     *
     * @return false if the visitor stopped the walk
     * @throws io.spool.wire.records.CorruptRecordException if a batch's framing or CRC is bad
     */
    boolean forEach(LogSegment segment, long fromOffset, Visitor visitor) throws IOException {
        try {
            long next = fromOffset;
            while (true) {
                FileSliceRecords slice = segment.read(next, chunkSize, segment.size(), true);
                if (slice == null || slice.size() == 0) {
                    return true;
                }
                readInto(slice);
                cursor.reset(buffer);
                while (cursor.next()) {
                    RecordBatch batch = cursor.batch();
                    batch.ensureValid();
                    if (!visitor.visit(batch)) {
                        return false;
                    }
                    next = batch.lastOffset() + 1;
                }
            }
        } finally {
            if (buffer.capacity() > chunkSize) {
                buffer.release();
                buffer = allocator.heapBuffer(chunkSize);
            }
        }
    }

    private void readInto(FileSliceRecords slice) throws IOException {
        buffer.clear();
        buffer.ensureWritable(slice.size());
        long position = slice.position();
        int remaining = slice.size();
        while (remaining > 0) {
            int read = buffer.writeBytes(slice.channel(), position, remaining);
            if (read < 0) {
                throw new IOException("segment file ended inside a batch at " + position);
            }
            position += read;
            remaining -= read;
        }
    }

    @Override
    public void close() {
        buffer.release();
    }
}
