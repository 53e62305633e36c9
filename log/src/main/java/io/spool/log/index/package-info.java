/**
 * Kafka's sparse segment indexes as memory-mapped files: {@code .index} (relative offset to file
 * position) and {@code .timeindex} (timestamp to relative offset). Depends only on the JDK;
 * knows nothing of record batches.
 */
package io.spool.log.index;
