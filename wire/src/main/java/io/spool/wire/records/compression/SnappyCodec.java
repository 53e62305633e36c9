package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import org.xerial.snappy.SnappyOutputStream;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Snappy in the xerial stream framing that Kafka's Java clients write; reading also accepts a bare
 * snappy block (what librdkafka writes) and concatenated framed streams.
 */
final class SnappyCodec implements Codec {
    @Override
    public InputStream decompressing(ByteBuf source, int maxBytes) {
        return new SnappyFrameInputStream(source, maxBytes);
    }

    @Override
    public OutputStream compressing(ByteBuf sink, int level) {
        return new SnappyOutputStream(new ByteBufOutputStream(sink));
    }

    /** Snappy has no levels. */
    @Override
    public int defaultLevel() {
        return 0;
    }
}
