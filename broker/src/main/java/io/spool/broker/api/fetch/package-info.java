/**
 * Fetch: reads of hosted partitions as zero-copy file slices, and fetches that wait for min_bytes
 * (woken by appends, expired by a timer on the connection's event loop). Depends on the partition
 * layer; no Netty channel code.
 */
package io.spool.broker.api.fetch;
