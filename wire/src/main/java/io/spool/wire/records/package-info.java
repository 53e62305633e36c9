/**
 * Kafka record batches (magic v2) as flyweight views over ByteBufs: header fields, CRC32C, framing,
 * record iteration with decompression, validation, a builder, and the rewriter log compaction
 * uses. Depends on Netty and the codecs only; never on the log or the broker.
 */
package io.spool.wire.records;
