package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Facts of the LZ4 frame format (lz4 project's lz4_Frame_format.md) shared by our reader and
 * writer: magic, descriptor bits, block sizes, xxHash32 checksums. Kafka's record batches (magic
 * v1 and later) carry one such frame with a correct header checksum.
 */
final class Lz4Frame {
    static final int MAGIC = 0x184D2204;

    static final int FLG_VERSION_MASK = 0xC0;
    static final int FLG_VERSION = 0x40;
    static final int FLG_BLOCK_INDEPENDENCE = 0x20;
    static final int FLG_BLOCK_CHECKSUM = 0x10;
    static final int FLG_CONTENT_SIZE = 0x08;
    static final int FLG_CONTENT_CHECKSUM = 0x04;
    static final int FLG_RESERVED = 0x02;
    static final int FLG_DICT_ID = 0x01;

    static final int BD_RESERVED = 0x8F;
    static final int BD_BLOCK_SIZE_SHIFT = 4;
    static final int BLOCK_SIZE_ID_64KB = 4;

    /** High bit of a block size word: the block is stored uncompressed. */
    static final int UNCOMPRESSED_FLAG = 0x80000000;
    static final int END_MARK = 0;

    static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    static final XXHashFactory XXHASH = XXHashFactory.fastestInstance();
    private static final XXHash32 HASH32 = XXHASH.hash32();

    private Lz4Frame() {
    }

    /** Maximum block size for a block-size id of the BD byte (4..7: 64 KiB, 256 KiB, 1 MiB, 4 MiB). */
    static int blockSize(int id) {
        return 1 << (8 + 2 * id);
    }

    static int xxhash32(ByteBuf buf, int index, int length) {
        return HASH32.hash(buf.nioBuffer(index, length), 0, length, 0);
    }

    /** The header checksum byte: the second byte of xxHash32 over the frame descriptor. */
    static int headerChecksum(ByteBuf buf, int descriptorIndex, int descriptorLength) {
        return (xxhash32(buf, descriptorIndex, descriptorLength) >>> 8) & 0xFF;
    }
}
