package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.StreamingXXHash32;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one LZ4 frame: header (magic, FLG, BD, optional content size, header checksum), blocks
 * (size word with the uncompressed flag, data, optional block checksum), end mark, optional content
 * checksum. Each block is decoded on its own: frames with linked blocks only work when no block
 * refers back to an earlier one (Kafka's clients write independent blocks). Dictionary ids are
 * refused. Every length is checked against the remaining input before it is used.
 */
final class Lz4FrameInputStream extends BlockInputStream {
    private static final LZ4SafeDecompressor DECOMPRESSOR = Lz4Frame.LZ4.safeDecompressor();

    private final boolean blockChecksum;
    private final StreamingXXHash32 contentHash;
    private final long contentSize;
    private final int maxBlockSize;

    Lz4FrameInputStream(ByteBuf source, int maxBytes) throws CompressedDataException {
        super(source, maxBytes);
        require(7, "LZ4 frame header");
        int magic = source.readIntLE();
        if (magic != Lz4Frame.MAGIC) {
            throw new CompressedDataException("not an LZ4 frame: magic " + Integer.toHexString(magic));
        }
        int descriptorIndex = source.readerIndex();
        int flg = source.readUnsignedByte();
        int bd = source.readUnsignedByte();
        if ((flg & Lz4Frame.FLG_VERSION_MASK) != Lz4Frame.FLG_VERSION || (flg & Lz4Frame.FLG_RESERVED) != 0) {
            throw new CompressedDataException("unsupported LZ4 frame flags " + Integer.toHexString(flg));
        }
        if ((flg & Lz4Frame.FLG_DICT_ID) != 0) {
            throw new CompressedDataException("LZ4 frames with a dictionary are not supported");
        }
        int blockSizeId = (bd >>> Lz4Frame.BD_BLOCK_SIZE_SHIFT) & 0x7;
        if ((bd & Lz4Frame.BD_RESERVED) != 0 || blockSizeId < Lz4Frame.BLOCK_SIZE_ID_64KB) {
            throw new CompressedDataException("bad LZ4 block descriptor " + Integer.toHexString(bd));
        }
        maxBlockSize = Lz4Frame.blockSize(blockSizeId);
        blockChecksum = (flg & Lz4Frame.FLG_BLOCK_CHECKSUM) != 0;
        if ((flg & Lz4Frame.FLG_CONTENT_SIZE) != 0) {
            require(9, "LZ4 content size");
            contentSize = source.readLongLE();
            if (contentSize < 0 || contentSize > maxBytes) {
                throw contentSize < 0 ? new CompressedDataException("negative LZ4 content size") : limitExceeded();
            }
        } else {
            contentSize = -1;
            require(1, "LZ4 header checksum");
        }
        int expected = Lz4Frame.headerChecksum(source, descriptorIndex, source.readerIndex() - descriptorIndex);
        int actual = source.readUnsignedByte();
        if (actual != expected) {
            throw new CompressedDataException("LZ4 frame header checksum mismatch");
        }
        contentHash = (flg & Lz4Frame.FLG_CONTENT_CHECKSUM) != 0 ? Lz4Frame.XXHASH.newStreamingHash32(0) : null;
    }

    @Override
    protected int decodeNextBlock() throws IOException {
        require(4, "LZ4 block size (or the end mark)");
        int word = source.readIntLE();
        if (word == Lz4Frame.END_MARK) {
            finish();
            return -1;
        }
        boolean stored = (word & Lz4Frame.UNCOMPRESSED_FLAG) != 0;
        int size = word & ~Lz4Frame.UNCOMPRESSED_FLAG;
        if (size > maxBlockSize) {
            throw new CompressedDataException("LZ4 block of " + size + " bytes exceeds the frame's maximum " + maxBlockSize);
        }
        require(size + (blockChecksum ? 4 : 0), "LZ4 block");
        int dataIndex = source.readerIndex();
        if (blockChecksum && Lz4Frame.xxhash32(source, dataIndex, size) != source.getIntLE(dataIndex + size)) {
            throw new CompressedDataException("LZ4 block checksum mismatch");
        }
        int n = stored ? copyStored(dataIndex, size) : decompress(dataIndex, size);
        source.skipBytes(size + (blockChecksum ? 4 : 0));
        if (contentHash != null) {
            contentHash.update(blockBuffer(n), 0, n);
        }
        return n;
    }

    private int copyStored(int index, int size) throws CompressedDataException {
        if (size > remainingAllowed()) {
            throw limitExceeded();
        }
        source.getBytes(index, blockBuffer(size), 0, size);
        return size;
    }

    private int decompress(int index, int size) throws CompressedDataException {
        // One byte past the bound lets a block that overshoots it show up as exactly that.
        int capacity = (int) Math.min(maxBlockSize, remainingAllowed() + 1);
        byte[] out = blockBuffer(capacity);
        try {
            return DECOMPRESSOR.decompress(source.nioBuffer(index, size), 0, size, ByteBuffer.wrap(out), 0, capacity);
        } catch (LZ4Exception e) {
            throw new CompressedDataException("LZ4 block is malformed, refers to an earlier block, "
                    + "or decompresses beyond the limit", e);
        }
    }

    private void finish() throws CompressedDataException {
        if (contentHash != null) {
            require(4, "LZ4 content checksum");
            if (contentHash.getValue() != source.readIntLE()) {
                throw new CompressedDataException("LZ4 content checksum mismatch");
            }
        }
        if (contentSize >= 0 && contentSize != produced()) {
            throw new CompressedDataException("LZ4 frame declared " + contentSize + " bytes but held " + produced());
        }
        if (source.isReadable()) {
            throw new CompressedDataException(source.readableBytes() + " bytes follow the LZ4 end mark");
        }
    }
}
