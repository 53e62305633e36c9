/**
 * Kafka's small text checkpoint files (version, count, one entry a line), written atomically:
 * recovery points, log start offsets, leader epochs. Depends only on io.spool.log.TopicPartition.
 */
package io.spool.log.checkpoint;
