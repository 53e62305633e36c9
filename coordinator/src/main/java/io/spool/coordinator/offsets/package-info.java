/**
 * Committed offsets: their store per group, OffsetCommit, OffsetFetch and OffsetDelete, and
 * retention. Checks commits against the classic group state of io.spool.coordinator.group; knows
 * nothing of the broker.
 */
package io.spool.coordinator.offsets;
