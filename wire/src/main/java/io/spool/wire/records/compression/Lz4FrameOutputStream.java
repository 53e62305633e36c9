package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import net.jpountz.lz4.LZ4Compressor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes one LZ4 frame as Kafka's clients do: independent 64 KiB blocks, no checksums beyond the
 * header's, no content size. A block that does not shrink is stored uncompressed. Blocks are
 * compressed straight into the sink's memory.
 */
final class Lz4FrameOutputStream extends OutputStream {
    private static final int BLOCK_SIZE = Lz4Frame.blockSize(Lz4Frame.BLOCK_SIZE_ID_64KB);

    private final ByteBuf sink;
    private final LZ4Compressor compressor;
    private final byte[] block = new byte[BLOCK_SIZE];
    private int blockLen;
    private boolean closed;

    Lz4FrameOutputStream(ByteBuf sink, LZ4Compressor compressor) {
        if (sink.nioBufferCount() != 1) {
            throw new IllegalArgumentException("LZ4 output needs a single-buffer sink, not a composite");
        }
        this.sink = sink;
        this.compressor = compressor;
        sink.writeIntLE(Lz4Frame.MAGIC);
        int descriptorIndex = sink.writerIndex();
        sink.writeByte(Lz4Frame.FLG_VERSION | Lz4Frame.FLG_BLOCK_INDEPENDENCE);
        sink.writeByte(Lz4Frame.BLOCK_SIZE_ID_64KB << Lz4Frame.BD_BLOCK_SIZE_SHIFT);
        sink.writeByte(Lz4Frame.headerChecksum(sink, descriptorIndex, 2));
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (blockLen == BLOCK_SIZE) {
            writeBlock();
        }
        block[blockLen++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (blockLen == BLOCK_SIZE) {
                writeBlock();
            }
            int n = Math.min(len, BLOCK_SIZE - blockLen);
            System.arraycopy(b, off, block, blockLen, n);
            blockLen += n;
            off += n;
            len -= n;
        }
    }

    private void writeBlock() {
        if (blockLen == 0) {
            return;
        }
        int maxCompressed = compressor.maxCompressedLength(blockLen);
        sink.ensureWritable(4 + Math.max(maxCompressed, blockLen));
        int sizeIndex = sink.writerIndex();
        ByteBuffer target = sink.nioBuffer(sizeIndex + 4, maxCompressed);
        int compressed = compressor.compress(ByteBuffer.wrap(block), 0, blockLen, target, 0, maxCompressed);
        if (compressed < blockLen) {
            sink.setIntLE(sizeIndex, compressed);
            sink.writerIndex(sizeIndex + 4 + compressed);
        } else {
            sink.setIntLE(sizeIndex, blockLen | Lz4Frame.UNCOMPRESSED_FLAG);
            sink.setBytes(sizeIndex + 4, block, 0, blockLen);
            sink.writerIndex(sizeIndex + 4 + blockLen);
        }
        blockLen = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("LZ4 stream is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeBlock();
        sink.writeIntLE(Lz4Frame.END_MARK);
    }
}
