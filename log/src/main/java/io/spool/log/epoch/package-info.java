/**
 * Leader epoch history of a partition (epoch to its first offset), kept in Kafka's
 * {@code leader-epoch-checkpoint} file. Depends on io.spool.log.checkpoint only.
 */
package io.spool.log.epoch;
