package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;

import java.io.InputStream;
import java.io.OutputStream;

/** Kafka's LZ4: one LZ4 frame (the lz4 frame format) per batch's records, via lz4-java's block codec. */
final class Lz4Codec implements Codec {
    @Override
    public InputStream decompressing(ByteBuf source, int maxBytes) throws CompressedDataException {
        return new Lz4FrameInputStream(source, maxBytes);
    }

    @Override
    public OutputStream compressing(ByteBuf sink) {
        return new Lz4FrameOutputStream(sink);
    }
}
