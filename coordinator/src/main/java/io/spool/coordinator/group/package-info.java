/**
 * The classic group protocol as a state machine per group: joins, syncs, heartbeats, leaves,
 * session and rebalance timeouts, static membership, and the group's metadata records. Driven on
 * the coordinator's event loop; knows nothing of offsets or of the broker.
 */
package io.spool.coordinator.group;
