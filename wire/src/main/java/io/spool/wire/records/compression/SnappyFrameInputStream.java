package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import org.xerial.snappy.Snappy;

import java.io.IOException;

/**
 * Reads the xerial snappy stream format: a 16-byte header (8-byte magic, two int32 versions), then
 * chunks of int32 compressed length + one raw snappy block; a repeated header marks a concatenated
 * stream. Without the magic the whole input is one raw snappy block.
 *
 * <p>Our own reader rather than snappy-java's SnappyInputStream because that one sizes its output
 * array from the block's declared length before checking it against anything.
 */
final class SnappyFrameInputStream extends BlockInputStream {
    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int HEADER_SIZE = MAGIC.length + 8;
    /** The first four magic bytes read as an int32: where a chunk length would be, a new header starts. */
    private static final int MAGIC_HEAD = 0x82534E41;

    private final boolean framed;
    private boolean rawBlockRead;
    private byte[] compressedCopy;

    SnappyFrameInputStream(ByteBuf source, int maxBytes) {
        super(source, maxBytes);
        this.framed = startsWithMagic(source);
        if (framed) {
            source.skipBytes(HEADER_SIZE);
        }
    }

    private static boolean startsWithMagic(ByteBuf source) {
        if (source.readableBytes() < HEADER_SIZE) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (source.getByte(source.readerIndex() + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected int decodeNextBlock() throws IOException {
        if (!framed) {
            if (rawBlockRead || !source.isReadable()) {
                return -1;
            }
            rawBlockRead = true;
            return decode(source.readableBytes());
        }
        while (source.isReadable()) {
            require(4, "snappy chunk length");
            int length = source.readInt();
            if (length == MAGIC_HEAD) {
                require(HEADER_SIZE - 4, "concatenated snappy header");
                source.readerIndex(source.readerIndex() - 4);
                if (!startsWithMagic(source)) {
                    throw new CompressedDataException("bad snappy stream header");
                }
                source.skipBytes(HEADER_SIZE);
                continue;
            }
            if (length < 0) {
                throw new CompressedDataException("negative snappy chunk length " + length);
            }
            require(length, "snappy chunk");
            return decode(length);
        }
        return -1;
    }

    /** Decompresses the next {@code length} source bytes, one raw snappy block. */
    private int decode(int length) throws IOException {
        byte[] in;
        int offset;
        if (source.hasArray()) {
            in = source.array();
            offset = source.arrayOffset() + source.readerIndex();
        } else {
            // snappy-java takes arrays or direct buffer pairs; copy just this compressed chunk.
            if (compressedCopy == null || compressedCopy.length < length) {
                compressedCopy = new byte[length];
            }
            source.getBytes(source.readerIndex(), compressedCopy, 0, length);
            in = compressedCopy;
            offset = 0;
        }
        int size = Snappy.uncompressedLength(in, offset, length);
        if (size < 0) {
            throw new CompressedDataException("snappy block declares a negative length");
        }
        if (size > remainingAllowed()) {
            throw limitExceeded();
        }
        byte[] out = blockBuffer(size);
        int n = Snappy.uncompress(in, offset, length, out, 0);
        if (n != size) {
            throw new CompressedDataException("snappy block declared " + size + " bytes but held " + n);
        }
        source.skipBytes(length);
        return n;
    }
}
