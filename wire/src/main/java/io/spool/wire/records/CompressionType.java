package io.spool.wire.records;

import io.spool.wire.records.compression.Codec;
import io.spool.wire.records.compression.Codecs;

/** The codec of a batch's records section, with its id in the low three attribute bits. */
public enum CompressionType {
    NONE(0),
    GZIP(1),
    SNAPPY(2),
    LZ4(3),
    ZSTD(4);

    private static final CompressionType[] BY_ID = values();

    public final int id;

    CompressionType(int id) {
        this.id = id;
    }

    /** @throws IllegalArgumentException for an id no codec has */
    public static CompressionType forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new IllegalArgumentException("unknown compression type id " + id);
        }
        return BY_ID[id];
    }

    /** The level this codec compresses at unless told otherwise (Kafka's defaults); 0 for NONE. */
    public int defaultLevel() {
        return this == NONE ? 0 : codec().defaultLevel();
    }

    /** Whether Kafka accepts {@code level} for this codec (KIP-390 ranges; NONE and SNAPPY have only their default). */
    public boolean isValidLevel(int level) {
        return this == NONE ? level == 0 : codec().isValidLevel(level);
    }

    /** The codec of a compressed type; NONE has none. */
    Codec codec() {
        return switch (this) {
            case GZIP -> Codecs.GZIP;
            case SNAPPY -> Codecs.SNAPPY;
            case LZ4 -> Codecs.LZ4;
            case ZSTD -> Codecs.ZSTD;
            case NONE -> throw new IllegalStateException("uncompressed records have no codec");
        };
    }
}
