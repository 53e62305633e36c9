package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import net.jpountz.lz4.LZ4Compressor;

import java.io.InputStream;
import java.io.OutputStream;

/** Kafka's LZ4: one LZ4 frame (the lz4 frame format) per batch's records, via lz4-java's block codec. */
final class Lz4Codec implements Codec {
    /** Kafka's default; it means LZ4's fast compressor, other levels the high-compression one (LZ4 HC). */
    private static final int DEFAULT_LEVEL = 9;
    private static final int MIN_LEVEL = 1;
    private static final int MAX_LEVEL = 17;
    private static final LZ4Compressor FAST = Lz4Frame.LZ4.fastCompressor();

    @Override
    public InputStream decompressing(ByteBuf source, int maxBytes) throws CompressedDataException {
        return new Lz4FrameInputStream(source, maxBytes);
    }

    @Override
    public OutputStream compressing(ByteBuf sink, int level) {
        return new Lz4FrameOutputStream(sink, level == DEFAULT_LEVEL ? FAST : Lz4Frame.LZ4.highCompressor(level));
    }

    @Override
    public int defaultLevel() {
        return DEFAULT_LEVEL;
    }

    @Override
    public boolean isValidLevel(int level) {
        return level >= MIN_LEVEL && level <= MAX_LEVEL;
    }
}
