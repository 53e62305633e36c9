package io.spool.wire.records.compression;

/** The codecs Kafka's record format names (ids 1..4 of the batch attributes). */
public final class Codecs {
    public static final Codec GZIP = new GzipCodec();
    public static final Codec SNAPPY = new SnappyCodec();
    public static final Codec LZ4 = new Lz4Codec();
    public static final Codec ZSTD = new ZstdCodec();

    private Codecs() {
    }
}
