/**
 * One segment of a partition log: the {@code .log} file of record batches with its offset and
 * time indexes, appends, reads as file slices, recovery scans. Depends on io.spool.log.index,
 * io.spool.wire.records and io.spool.wire.protocol (file slices); knows nothing of producers, epochs or configs.
 */
package io.spool.log.segment;
