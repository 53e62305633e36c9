/**
 * The coordinator's records in {@code __consumer_offsets}: their encoding in Kafka's key/value
 * formats, appending them as batches, and replaying a partition's log. Knows records and logs, not
 * groups or requests.
 */
package io.spool.coordinator.storage;
