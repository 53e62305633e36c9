/**
 * Kafka record batches (magic v2) as flyweight views over ByteBufs: header fields, CRC32C, framing,
 * record iteration with decompression, validation and a builder. Depends on Netty and the codecs
 * only; never on the log or the broker.
 */
package io.spool.wire.records;
