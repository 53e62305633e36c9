package io.spool.log.segment;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spool.wire.records.RecordBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the fixed header of the batch at a file position into one reused buffer and exposes it
 * through a {@link RecordBatch} view, so scanning a segment allocates nothing per batch. One
 * instance per scanning thread.
 */
final class BatchHeaderReader {
    private final byte[] bytes = new byte[RecordBatch.HEADER_SIZE];
    private final ByteBuffer nio = ByteBuffer.wrap(bytes);
    private final RecordBatch view = RecordBatch.at(Unpooled.wrappedBuffer(bytes), 0);

    /**
     * The header of the batch at {@code position}, or null when fewer than a header's bytes lie
     * before {@code limit} or the length field cannot be a batch's. Only header fields may be
     * read from the returned view.
     */
    RecordBatch read(FileChannel channel, long position, long limit) throws IOException {
        if (limit - position < RecordBatch.HEADER_SIZE) {
            return null;
        }
        nio.clear();
        while (nio.hasRemaining()) {
            int read = channel.read(nio, position + nio.position());
            if (read < 0) {
                return null;
            }
        }
        return view.batchLength() < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD ? null : view;
    }

    /** Reads a whole batch of {@code size} bytes at {@code position} into {@code target} (cleared first). */
    static ByteBuf readWhole(FileChannel channel, long position, int size, ByteBuf target) throws IOException {
        target.clear();
        target.ensureWritable(size);
        int written = 0;
        while (written < size) {
            int read = target.setBytes(written, channel, position + written, size - written);
            if (read < 0) {
                throw new IOException("file ended inside a batch at " + position);
            }
            written += read;
        }
        target.writerIndex(size);
        return target;
    }
}
