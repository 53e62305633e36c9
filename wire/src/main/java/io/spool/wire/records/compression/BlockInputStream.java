package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.InputStream;

/**
 * A decompressing stream for formats made of independently compressed blocks (snappy chunks, LZ4
 * frame blocks): a subclass decodes one block at a time from {@link #source} into the buffer that
 * {@link #blockBuffer} hands out, and this class serves reads from it and keeps the running total
 * within {@code maxBytes}.
 *
 * <p>A stream lives for one batch, so its block buffer is handed on: {@link #close()} leaves it to
 * the next stream opened on the same thread instead of allocating one (64 KiB for Kafka's LZ4
 * frames) per batch.
 */
abstract class BlockInputStream extends InputStream {
    private static final byte[] EMPTY = new byte[0];
    /** LZ4's largest block; a bigger buffer (never needed by Kafka's formats) is not kept. */
    private static final int MAX_SPARE_BYTES = 4 << 20;
    private static final ThreadLocal<byte[]> SPARE_BLOCK = new ThreadLocal<>();

    /** The compressed bytes; subclasses consume them by advancing its reader index. */
    protected final ByteBuf source;
    private final int maxBytes;
    private long produced;
    private byte[] block = EMPTY;
    private int blockPos;
    private int blockLen;
    private boolean ended;

    BlockInputStream(ByteBuf source, int maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
        byte[] spare = SPARE_BLOCK.get();
        if (spare != null) {
            SPARE_BLOCK.remove(); // a stream opened before this one closes gets a buffer of its own
            block = spare;
        }
    }

    /**
     * Decodes the next block into {@link #blockBuffer} and returns its decompressed length (zero is
     * allowed), or -1 when the compressed data ends properly.
     */
    protected abstract int decodeNextBlock() throws IOException;

    /** A buffer of at least {@code size} bytes for the next block; callers keep size within the bound. */
    protected final byte[] blockBuffer(int size) {
        if (block.length < size) {
            block = new byte[size];
        }
        return block;
    }

    /** How many more decompressed bytes the bound allows. */
    protected final long remainingAllowed() {
        return maxBytes - produced;
    }

    protected final long produced() {
        return produced;
    }

    protected final CompressedDataException limitExceeded() {
        return Limits.exceeded(maxBytes);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return block[blockPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, blockLen - blockPos);
        System.arraycopy(block, blockPos, b, off, n);
        blockPos += n;
        return n;
    }

    /** Ends the stream and leaves its block buffer to the next stream on this thread. */
    @Override
    public void close() {
        if (block.length > 0 && block.length <= MAX_SPARE_BYTES) {
            SPARE_BLOCK.set(block);
        }
        block = EMPTY;
        blockPos = 0;
        blockLen = 0;
        ended = true;
    }

    private boolean fill() throws IOException {
        while (blockPos == blockLen) {
            if (ended) {
                return false;
            }
            int n = decodeNextBlock();
            if (n < 0) {
                ended = true;
                return false;
            }
            produced += n;
            if (produced > maxBytes) {
                throw limitExceeded();
            }
            blockPos = 0;
            blockLen = n;
        }
        return true;
    }

    /** Throws unless {@code n} more compressed bytes remain. */
    protected final void require(int n, String what) throws CompressedDataException {
        if (source.readableBytes() < n) {
            throw new CompressedDataException("compressed data is truncated: " + what + " needs " + n
                    + " bytes, " + source.readableBytes() + " remain");
        }
    }
}
