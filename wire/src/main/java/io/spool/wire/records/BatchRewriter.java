package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a copy of a batch that keeps only some of its records, as log compaction does: the copy
 * has the original's base offset, last offset delta (so the producer's last sequence survives),
 * leader epoch, producer fields, codec and flags; kept records keep their offsets. Records are
 * re-encoded, and a compressed batch is compressed again with its own codec.
 *
 * <p>{@link #startRecompressed} instead copies every record into another codec, as a leader does
 * when a topic's {@code compression.type} differs from the producer's: the copy keeps the base
 * timestamp and each record's deltas, attributes, key, value and headers, so only the codec bits,
 * the length and the CRC change.
 *
 * <p>The base timestamp of the copy is the first kept record's timestamp, or the delete horizon
 * (KIP-534) when the copy carries one: {@link RecordBatch#hasDeleteHorizon()} then tells readers
 * that the base timestamp is the time after which its tombstones may be removed. Reusable for
 * one batch after another; not thread-safe; close it to release its scratch buffer.
 */
public final class BatchRewriter implements AutoCloseable {
    private final ByteBufAllocator allocator;
    private ByteBuf recordScratch;

    private ByteBuf out;
    private int start;
    private RecordBatch original;
    private CompressionType compression;
    private int level;
    private boolean keepDeltas;
    private OutputStream compressor;
    private boolean logAppendTime;
    private long deleteHorizon;
    private long baseTimestamp;
    private long maxTimestamp;
    private int count;

    public BatchRewriter(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * Begins the copy of {@code original} at the writer index of {@code out}. The copy carries
     * the original's delete horizon if it has one, else {@code deleteHorizonMs} unless that is
     * {@link RecordBatch#NO_TIMESTAMP}. The original's bytes must stay unchanged until
     * {@link #finish()}.
     */
    public void start(RecordBatch original, ByteBuf out, long deleteHorizonMs) {
        CompressionType codec = original.compressionType();
        long horizon = original.hasDeleteHorizon() ? original.baseTimestamp() : deleteHorizonMs;
        begin(original, out, codec, codec.defaultLevel(), horizon, horizon, false);
    }

    /**
     * Begins a copy of {@code original} in {@code compression} at {@code level} (which must be
     * {@linkplain CompressionType#isValidLevel valid}), at the writer index of {@code out}. Every
     * record of the original is to be appended, in order; the copy keeps the original's base
     * timestamp, delete horizon flag and all other header fields but the codec.
     */
    public void startRecompressed(RecordBatch original, ByteBuf out, CompressionType compression, int level) {
        if (!compression.isValidLevel(level)) {
            throw new IllegalArgumentException("invalid " + compression + " level " + level);
        }
        begin(original, out, compression, level, original.hasDeleteHorizon() ? original.baseTimestamp()
                : RecordBatch.NO_TIMESTAMP, original.baseTimestamp(), true);
    }

    private void begin(RecordBatch original, ByteBuf out, CompressionType compression, int level, long deleteHorizon,
                       long baseTimestamp, boolean keepDeltas) {
        if (this.out != null) {
            throw new IllegalStateException("the previous copy was not finished");
        }
        this.original = original;
        this.out = out;
        this.start = out.writerIndex();
        this.compression = compression;
        this.level = level;
        this.logAppendTime = original.timestampType() == TimestampType.LOG_APPEND_TIME;
        this.deleteHorizon = deleteHorizon;
        this.baseTimestamp = baseTimestamp;
        this.keepDeltas = keepDeltas;
        this.maxTimestamp = RecordBatch.NO_TIMESTAMP;
        this.count = 0;
        out.writeBytes(original.buffer(), original.index(), RecordBatch.HEADER_SIZE);
    }

    /** Appends a record of the original batch, keeping its offset, timestamp, key, value and headers. */
    public void append(RecordView record) {
        if (out == null) {
            throw new IllegalStateException("no copy was started");
        }
        long timestamp = record.timestamp();
        if (count == 0 && !keepDeltas && deleteHorizon == RecordBatch.NO_TIMESTAMP) {
            baseTimestamp = timestamp;
        }
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        ByteBuf target = compression == CompressionType.NONE ? out : scratch();
        writeRecord(target, record, keepDeltas ? record.timestampDelta() : timestamp - baseTimestamp);
        if (target != out) {
            try {
                target.readBytes(compressor(), target.readableBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            target.clear();
        }
        count++;
    }

    /** Completes the copy's header and CRC; at least one record must have been appended. */
    public void finish() {
        if (out == null || count == 0) {
            throw new IllegalStateException("a rewritten batch needs at least one record");
        }
        try {
            if (compressor != null) {
                compressor.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            compressor = null;
        }
        int attributes = (original.attributes() & ~RecordBatch.COMPRESSION_MASK) | compression.id;
        if (deleteHorizon != RecordBatch.NO_TIMESTAMP) {
            attributes |= RecordBatch.DELETE_HORIZON_FLAG;
        }
        long max = logAppendTime ? original.maxTimestamp() : maxTimestamp;
        writeHeader(out, start, out.writerIndex() - start, attributes, baseTimestamp, max, count);
        original = null;
        out = null;
    }

    /**
     * Writes the header of {@code original} with no records: what compaction leaves of an
     * idempotent producer's last batch when none of its records remain, so the producer's last
     * offset and sequence stay in the log. Uncompressed, without a delete horizon, the base
     * timestamp unset and the max timestamp the original's.
     */
    public static void writeEmpty(RecordBatch original, ByteBuf out) {
        int start = out.writerIndex();
        out.writeBytes(original.buffer(), original.index(), RecordBatch.HEADER_SIZE);
        int attributes = original.attributes() & ~(RecordBatch.COMPRESSION_MASK | RecordBatch.DELETE_HORIZON_FLAG);
        writeHeader(out, start, RecordBatch.HEADER_SIZE, attributes, RecordBatch.NO_TIMESTAMP,
                original.maxTimestamp(), 0);
    }

    private static void writeHeader(ByteBuf out, int start, int size, int attributes, long baseTimestamp,
                                    long maxTimestamp, int count) {
        out.setInt(start + RecordBatch.BATCH_LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
        out.setShort(start + RecordBatch.ATTRIBUTES_OFFSET, attributes);
        out.setLong(start + RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp);
        out.setLong(start + RecordBatch.MAX_TIMESTAMP_OFFSET, maxTimestamp);
        out.setInt(start + RecordBatch.RECORD_COUNT_OFFSET, count);
        RecordBatch.at(out, start).updateCrc();
    }

    /** The record's fields in the v2 layout (see {@link RecordView}), varints in their shortest form. */
    private static void writeRecord(ByteBuf target, RecordView record, long timestampDelta) {
        int headersSize = Varints.sizeOfVarint(record.headerCount());
        HeaderCursor headers = record.headers();
        while (headers.next()) {
            headersSize += sizeOfBytes(headers.keyLength()) + sizeOfBytes(headers.valueLength());
        }
        int bodySize = 1 + Varints.sizeOfVarlong(timestampDelta) + Varints.sizeOfVarint(record.offsetDelta())
                + sizeOfBytes(record.keyLength()) + sizeOfBytes(record.valueLength()) + headersSize;
        ByteBuf source = record.buffer();
        Varints.writeVarint(target, bodySize);
        target.writeByte(record.attributes());
        Varints.writeVarlong(target, timestampDelta);
        Varints.writeVarint(target, record.offsetDelta());
        writeBytes(target, source, record.keyIndex(), record.keyLength());
        writeBytes(target, source, record.valueIndex(), record.valueLength());
        Varints.writeVarint(target, record.headerCount());
        headers = record.headers();
        while (headers.next()) {
            writeBytes(target, source, headers.keyIndex(), headers.keyLength());
            writeBytes(target, source, headers.valueIndex(), headers.valueLength());
        }
    }

    private static int sizeOfBytes(int length) {
        return Varints.sizeOfVarint(length) + Math.max(length, 0);
    }

    private static void writeBytes(ByteBuf target, ByteBuf source, int index, int length) {
        Varints.writeVarint(target, length);
        if (length > 0) {
            target.writeBytes(source, index, length);
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
            compressor = compression.codec().compressing(out, level);
        }
        return compressor;
    }

    /** Abandons an unfinished copy (its bytes stay in the output for the caller to discard) and releases the scratch buffer. */
    @Override
    public void close() {
        if (compressor != null) {
            try {
                compressor.close();
            } catch (IOException e) {
                // The unfinished copy is discarded anyway.
            }
            compressor = null;
        }
        out = null;
        original = null;
        if (recordScratch != null) {
            recordScratch.release();
            recordScratch = null;
        }
    }
}
