package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One compression format, streaming between ByteBufs without an intermediate copy of the payload. */
public interface Codec {
    /**
     * A stream of the decompressed form of {@code source}'s readable bytes (the stream advances its
     * reader index). Reading more than {@code maxBytes} decompressed bytes throws
     * {@link CompressedDataException}, and the codec allocates no buffer larger than that bound.
     * Malformed or truncated input also throws {@link CompressedDataException} (or another
     * IOException from the underlying library). The caller closes the stream.
     */
    InputStream decompressing(ByteBuf source, int maxBytes) throws IOException;

    /**
     * A stream whose bytes are written compressed at {@code level} to {@code sink} (a non-composite
     * buffer, which grows as needed). The compressed form is complete once the stream is closed.
     * The level must be {@linkplain #isValidLevel valid}; a codec without levels ignores it.
     */
    OutputStream compressing(ByteBuf sink, int level) throws IOException;

    /** {@link #compressing(ByteBuf, int)} at the {@linkplain #defaultLevel() default level}. */
    default OutputStream compressing(ByteBuf sink) throws IOException {
        return compressing(sink, defaultLevel());
    }

    /** The level Kafka's clients and brokers use unless told otherwise (KIP-390). */
    int defaultLevel();

    /** Whether {@code level} is one Kafka accepts for this codec (a codec without levels accepts only its default). */
    default boolean isValidLevel(int level) {
        return level == defaultLevel();
    }
}
