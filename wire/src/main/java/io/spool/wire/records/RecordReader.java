package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.IOException;
import java.io.InputStream;

/**
 * Walks the records of one batch at a time through a single reused {@link RecordView}. Records of
 * an uncompressed batch are read in place. A compressed batch is decompressed as a stream into a
 * reused window buffer that holds the current record (and what was read ahead of it), never the
 * whole batch; decompressing more than the configured limit is a {@link CorruptRecordException},
 * and no buffer grows past that limit. Not thread-safe; close it to release the window.
 */
public final class RecordReader implements AutoCloseable {
    /** Initial window size for streaming decompression. */
    private static final int CHUNK = 64 * 1024;
    /** Read from the stream in pieces at least this large, so small records do not mean small reads. */
    private static final int MIN_READ = 8 * 1024;
    /** A window grown beyond this by one large batch is given back instead of kept. */
    private static final int RETAINED_WINDOW = 1024 * 1024;
    private static final int MAX_VARINT_BYTES = 5;
    private static final int MAX_LIMIT = 1 << 30;

    private final ByteBufAllocator allocator;
    private final int maxDecompressedBytes;
    private final RecordView view = new RecordView();
    private final FieldReader lengthReader = new FieldReader();

    // Taken from the batch at open(): the caller may re-point its view while records are read.
    private boolean open;
    private long baseOffset;
    private int recordCount;
    private int recordsRead;
    // Uncompressed batches: position within the batch's own buffer.
    private ByteBuf plain;
    private int plainPos;
    private int plainEnd;
    // Compressed batches: the decompressing stream and the window it fills.
    private InputStream stream;
    private boolean streamEnded;
    private ByteBuf window;

    /**
     * @param maxDecompressedBytes the most bytes one compressed batch may decompress to; see
     *                             {@link #decompressionLimitFor(int)} for a default
     */
    public RecordReader(ByteBufAllocator allocator, int maxDecompressedBytes) {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive: " + maxDecompressedBytes);
        }
        this.allocator = allocator;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /**
     * A decompression limit for a broker or topic whose largest accepted batch is
     * {@code maxMessageBytes}: 64 times that (compressed batches rarely shrink more than that), at
     * least 64 MiB, at most 1 GiB. Kafka itself sets no limit.
     */
    public static int decompressionLimitFor(int maxMessageBytes) {
        long limit = Math.max(64L * Math.max(maxMessageBytes, 0), 64L << 20);
        return (int) Math.min(limit, MAX_LIMIT);
    }

    /**
     * Positions before the first record of {@code batch}, which must lie wholly in its buffer. The
     * batch's header fields are taken now; its bytes must stay unchanged while records are read.
     */
    public void open(RecordBatch batch) {
        endBatch();
        String framing = batch.framingProblem();
        if (framing != null) {
            throw new CorruptRecordException(framing);
        }
        baseOffset = batch.baseOffset();
        if (batch.recordCount() < 0) {
            throw new CorruptRecordException("record batch at offset " + baseOffset
                    + " has negative record count " + batch.recordCount());
        }
        CompressionType compression = batch.compressionType();
        recordCount = batch.recordCount();
        recordsRead = 0;
        view.startBatch(batch);
        if (compression == CompressionType.NONE) {
            plain = batch.buffer();
            plainPos = batch.recordsIndex();
            plainEnd = batch.index() + batch.sizeInBytes();
        } else {
            ByteBuf compressed = batch.buffer().slice(batch.recordsIndex(), batch.recordsSize());
            try {
                stream = compression.codec().decompressing(compressed, maxDecompressedBytes);
            } catch (IOException e) {
                throw decompressionFailed(e);
            }
            streamEnded = false;
            if (window == null) {
                window = allocator.heapBuffer(Math.min(CHUNK, maxDecompressedBytes), maxDecompressedBytes);
            }
            window.clear();
        }
        open = true;
    }

    /** Moves to the next record; false once all {@link RecordBatch#recordCount()} records were read. */
    public boolean next() {
        if (!open) {
            throw new IllegalStateException("no batch is open");
        }
        if (recordsRead == recordCount) {
            return false;
        }
        if (stream == null) {
            nextPlain();
        } else {
            nextDecompressed();
        }
        recordsRead++;
        return true;
    }

    /** The current record; the same instance for every record. */
    public RecordView record() {
        return view;
    }

    /**
     * Whether the batch's records section has bytes beyond the records read so far. For a
     * compressed batch this reads the stream to its end, which also runs the codec's end-of-stream
     * checks (checksums, end marks); the current record is no longer valid afterwards.
     */
    public boolean hasTrailingBytes() {
        if (!open) {
            throw new IllegalStateException("no batch is open");
        }
        if (stream == null) {
            return plainPos < plainEnd;
        }
        return window.isReadable() || fill(1);
    }

    private void nextPlain() {
        if (plainPos == plainEnd) {
            throw tooFewRecords();
        }
        lengthReader.reset(plain, plainPos, plainEnd);
        int bodyLength = readBodyLength();
        int bodyIndex = lengthReader.position();
        if (bodyLength > plainEnd - bodyIndex) {
            throw new CorruptRecordException("record " + recordsRead + " of batch at offset " + baseOffset
                    + " declares " + bodyLength + " bytes but only " + (plainEnd - bodyIndex) + " remain");
        }
        view.parse(plain, bodyIndex, bodyLength, bodyIndex - plainPos);
        plainPos = bodyIndex + bodyLength;
    }

    private void nextDecompressed() {
        if (!window.isReadable() && !fill(1)) {
            throw tooFewRecords();
        }
        fill(MAX_VARINT_BYTES);
        int start = window.readerIndex();
        lengthReader.reset(window, start, window.writerIndex());
        int bodyLength = readBodyLength();
        int prefixLength = lengthReader.position() - start;
        if (bodyLength > maxDecompressedBytes - prefixLength) {
            throw new CorruptRecordException("record " + recordsRead + " of batch at offset " + baseOffset
                    + " declares " + bodyLength + " bytes, beyond the decompression limit of "
                    + maxDecompressedBytes + " bytes");
        }
        if (!fill(prefixLength + bodyLength)) {
            throw new CorruptRecordException("record " + recordsRead + " of batch at offset " + baseOffset
                    + " declares " + bodyLength + " bytes but the decompressed records end first");
        }
        // fill() may have compacted the window: the record starts at the reader index again.
        int bodyIndex = window.readerIndex() + prefixLength;
        view.parse(window, bodyIndex, bodyLength, prefixLength);
        window.readerIndex(bodyIndex + bodyLength);
    }

    private int readBodyLength() {
        int length = lengthReader.readVarint("record length");
        if (length < 0) {
            throw new CorruptRecordException("record " + recordsRead + " of batch at offset " + baseOffset
                    + " has negative length " + length);
        }
        return length;
    }

    /**
     * Reads from the stream until the window holds {@code needed} unread bytes; false if the data
     * ends first. Bytes already read (earlier records) are dropped only when the space after the
     * unread ones runs short, so each decompressed byte is moved at most a few times.
     */
    private boolean fill(int needed) {
        while (window.readableBytes() < needed) {
            if (streamEnded) {
                return false;
            }
            int wanted = Math.max(needed - window.readableBytes(), MIN_READ);
            if (window.writableBytes() < wanted) {
                window.discardReadBytes();
                window.ensureWritable(wanted, true);
            }
            try {
                if (window.writeBytes(stream, window.writableBytes()) < 0) {
                    streamEnded = true;
                }
            } catch (IOException e) {
                throw decompressionFailed(e);
            }
        }
        return true;
    }

    private CorruptRecordException tooFewRecords() {
        return new CorruptRecordException("record batch at offset " + baseOffset + " declares "
                + recordCount + " records but holds only " + recordsRead);
    }

    private CorruptRecordException decompressionFailed(IOException e) {
        return new CorruptRecordException("compressed records of batch at offset " + baseOffset
                + " cannot be read: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
    }

    /** Closes the current batch's stream and gives back a window that one large batch inflated. */
    private void endBatch() {
        open = false;
        plain = null;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // Only in-memory sources are read: nothing is left open by a failed close.
            }
            stream = null;
        }
        if (window != null && window.capacity() > RETAINED_WINDOW) {
            window.release();
            window = null;
        }
    }

    @Override
    public void close() {
        endBatch();
        if (window != null) {
            window.release();
            window = null;
        }
    }
}
