package io.spool.wire.records.compression;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes through at most {@code maxBytes} bytes of a decompressing stream and fails as soon as the
 * stream would yield more: the guard against compression bombs for codecs whose own buffers are
 * fixed-size (gzip, zstd).
 */
final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private final long maxBytes;
    private long count;

    BoundedInputStream(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        // Ask for one byte past the bound so that a stream ending exactly at it is not an error.
        int n = in.read(b, off, (int) Math.min(len, maxBytes - count + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws CompressedDataException {
        count += n;
        if (count > maxBytes) {
            throw Limits.exceeded(maxBytes);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
