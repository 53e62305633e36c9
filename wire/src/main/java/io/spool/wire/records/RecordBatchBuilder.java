package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes one v2 batch: set the header fields, {@link #append} records (offset deltas 0, 1, ...),
 * then {@link #build()} returns the batch with its CRC. Records of a compressed batch are streamed
 * through the codec into the output as they are appended. Single use; {@link #close()} releases the
 * buffers if the batch is abandoned before it is built.
 */
public final class RecordBatchBuilder implements AutoCloseable {
    private final ByteBufAllocator allocator;
    private final CompressionType compression;
    private final ByteBuf out;
    private ByteBuf recordScratch;
    private OutputStream compressor;

    private long baseOffset;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTime = RecordBatch.NO_TIMESTAMP;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;

    private int count;
    private long baseTimestamp;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private boolean done;

    public RecordBatchBuilder(ByteBufAllocator allocator, CompressionType compression) {
        this.allocator = allocator;
        this.compression = compression;
        this.out = allocator.buffer();
        out.writeZero(RecordBatch.HEADER_SIZE);
    }

    public RecordBatchBuilder baseOffset(long baseOffset) {
        this.baseOffset = baseOffset;
        return this;
    }

    public RecordBatchBuilder partitionLeaderEpoch(int epoch) {
        this.partitionLeaderEpoch = epoch;
        return this;
    }

    /** Makes it a LogAppendTime batch stamped with {@code time} (the default is CreateTime). */
    public RecordBatchBuilder logAppendTime(long time) {
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTime = time;
        return this;
    }

    /** Idempotent producer fields: the id, its epoch, and the sequence of the first record. */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public RecordBatchBuilder transactional(boolean transactional) {
        this.transactional = transactional;
        return this;
    }

    /** A control batch (transaction markers); its records' key and value are the caller's encoding. */
    public RecordBatchBuilder control(boolean control) {
        this.control = control;
        return this;
    }

    /**
     * Appends a record at the next offset delta. Key, value and header values are read from their
     * reader index without being consumed; null stands for a null key or value.
     */
    public RecordBatchBuilder append(long timestamp, ByteBuf key, ByteBuf value, Header... headers) {
        ensureOpen();
        if (count == 0) {
            baseTimestamp = timestamp;
        }
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        ByteBuf target = compression == CompressionType.NONE ? out : scratch();
        writeRecord(target, timestamp - baseTimestamp, count, key, value, headers);
        if (target != out) {
            try {
                target.readBytes(compressor(), target.readableBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            target.clear();
        }
        count++;
        return this;
    }

    private static void writeRecord(ByteBuf target, long timestampDelta, int offsetDelta, ByteBuf key, ByteBuf value,
                                    Header[] headers) {
        int headerCount = headers == null ? 0 : headers.length;
        int keyLength = key == null ? -1 : key.readableBytes();
        int valueLength = value == null ? -1 : value.readableBytes();
        int bodySize = 1 + Varints.sizeOfVarlong(timestampDelta) + Varints.sizeOfVarint(offsetDelta)
                + sizeOfBytes(keyLength) + sizeOfBytes(valueLength) + Varints.sizeOfVarint(headerCount);
        for (int i = 0; i < headerCount; i++) {
            bodySize += sizeOfBytes(ByteBufUtil.utf8Bytes(headers[i].key()))
                    + sizeOfBytes(headers[i].value() == null ? -1 : headers[i].value().readableBytes());
        }
        Varints.writeVarint(target, bodySize);
        target.writeByte(0);
        Varints.writeVarlong(target, timestampDelta);
        Varints.writeVarint(target, offsetDelta);
        writeBytes(target, key);
        writeBytes(target, value);
        Varints.writeVarint(target, headerCount);
        for (int i = 0; i < headerCount; i++) {
            Varints.writeVarint(target, ByteBufUtil.utf8Bytes(headers[i].key()));
            ByteBufUtil.writeUtf8(target, headers[i].key());
            writeBytes(target, headers[i].value());
        }
    }

    private static int sizeOfBytes(int length) {
        return Varints.sizeOfVarint(length) + Math.max(length, 0);
    }

    private static void writeBytes(ByteBuf target, ByteBuf bytes) {
        if (bytes == null) {
            Varints.writeVarint(target, -1);
        } else {
            Varints.writeVarint(target, bytes.readableBytes());
            target.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
        }
    }

    private ByteBuf scratch() {
        if (recordScratch == null) {
            recordScratch = allocator.heapBuffer();
        }
        return recordScratch;
    }

    private OutputStream compressor() throws IOException {
        if (compressor == null) {
            compressor = compression.codec().compressing(out);
        }
        return compressor;
    }

    /** The number of records appended so far. */
    public int recordCount() {
        return count;
    }

    /** Finishes the batch and hands it over: the caller owns (and releases) the returned buffer. */
    public ByteBuf build() {
        ensureOpen();
        if (count == 0) {
            throw new IllegalStateException("a record batch needs at least one record");
        }
        try {
            if (compressor != null) {
                compressor.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int attributes = compression.id;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= RecordBatch.TIMESTAMP_TYPE_FLAG;
        }
        if (transactional) {
            attributes |= RecordBatch.TRANSACTIONAL_FLAG;
        }
        if (control) {
            attributes |= RecordBatch.CONTROL_FLAG;
        }
        out.setLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset);
        out.setInt(RecordBatch.BATCH_LENGTH_OFFSET, out.writerIndex() - RecordBatch.LOG_OVERHEAD);
        out.setInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
        out.setByte(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        out.setShort(RecordBatch.ATTRIBUTES_OFFSET, attributes);
        out.setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, count - 1);
        out.setLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp);
        out.setLong(RecordBatch.MAX_TIMESTAMP_OFFSET,
                timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp);
        out.setLong(RecordBatch.PRODUCER_ID_OFFSET, producerId);
        out.setShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch);
        out.setInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        out.setInt(RecordBatch.RECORD_COUNT_OFFSET, count);
        RecordBatch.at(out, 0).updateCrc();
        done = true;
        releaseScratch();
        return out;
    }

    private void ensureOpen() {
        if (done) {
            throw new IllegalStateException("the batch was already built or closed");
        }
    }

    private void releaseScratch() {
        if (recordScratch != null) {
            recordScratch.release();
            recordScratch = null;
        }
    }

    /** Releases everything unless {@link #build()} handed the batch over. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        if (compressor != null) {
            try {
                compressor.close();
            } catch (IOException e) {
                // The output is discarded anyway.
            }
        }
        releaseScratch();
        out.release();
    }
}
