/**
 * Idempotent-producer state of one partition: per producer id its epoch and last batches'
 * sequences and offsets, sequence rules, and Kafka's {@code .snapshot} files. Depends on
 * io.spool.wire.records (batch headers) and io.spool.log.errors, never on the Log itself.
 */
package io.spool.log.producer;
