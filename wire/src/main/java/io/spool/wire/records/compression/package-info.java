/**
 * The codecs of Kafka's record batches (gzip, xerial-framed snappy, Kafka's LZ4 frame, zstd) as
 * streams between ByteBufs, each decompression bounded in size. Knows nothing of record batches;
 * must not depend on {@code io.spool.wire.records} (that package depends on this one).
 */
package io.spool.wire.records.compression;
