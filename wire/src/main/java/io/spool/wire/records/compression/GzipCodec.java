package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip (RFC 1952) with the JDK's zlib. */
final class GzipCodec implements Codec {
    private static final int BUFFER_SIZE = 8 * 1024;

    @Override
    public InputStream decompressing(ByteBuf source, int maxBytes) throws IOException {
        return new BoundedInputStream(new GZIPInputStream(new ByteBufInputStream(source), BUFFER_SIZE), maxBytes);
    }

    @Override
    public OutputStream compressing(ByteBuf sink, int level) throws IOException {
        return new LeveledGzipOutputStream(new ByteBufOutputStream(sink), level);
    }

    /** zlib's own default (-1, which is level 6), as Kafka's. */
    @Override
    public int defaultLevel() {
        return Deflater.DEFAULT_COMPRESSION;
    }

    @Override
    public boolean isValidLevel(int level) {
        return level == Deflater.DEFAULT_COMPRESSION || (level >= Deflater.BEST_SPEED && level <= Deflater.BEST_COMPRESSION);
    }

    /** The JDK's gzip stream exposes its deflater only to subclasses. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, BUFFER_SIZE);
            def.setLevel(level);
        }
    }
}
