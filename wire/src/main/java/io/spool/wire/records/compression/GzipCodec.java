package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    public OutputStream compressing(ByteBuf sink) throws IOException {
        return new GZIPOutputStream(new ByteBufOutputStream(sink), BUFFER_SIZE);
    }
}
