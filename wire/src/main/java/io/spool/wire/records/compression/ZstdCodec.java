package io.spool.wire.records.compression;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Zstandard frames via zstd-jni. The stream buffers come from zstd-jni's recycling pool so a batch
 * does not allocate them afresh. The decoder keeps zstd's default window limit (2^27 bytes of
 * native memory at most), as Kafka does; the heap-side bound is the caller's {@code maxBytes}.
 */
final class ZstdCodec implements Codec {
    /** zstd's own default level, which Kafka's producer also uses. */
    private static final int DEFAULT_LEVEL = 3;
    /** The range Kafka accepts: zstd's fastest negative levels up to its strongest. */
    private static final int MIN_LEVEL = -131_072;
    private static final int MAX_LEVEL = 22;

    @Override
    public InputStream decompressing(ByteBuf source, int maxBytes) throws IOException {
        return new BoundedInputStream(
                new ZstdInputStreamNoFinalizer(new ByteBufInputStream(source), RecyclingBufferPool.INSTANCE), maxBytes);
    }

    @Override
    public OutputStream compressing(ByteBuf sink, int level) throws IOException {
        return new ZstdOutputStreamNoFinalizer(new ByteBufOutputStream(sink), RecyclingBufferPool.INSTANCE, level);
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
