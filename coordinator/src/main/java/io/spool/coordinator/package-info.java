/**
 * The group coordinator of the classic consumer-group protocol over {@code __consumer_offsets}:
 * {@link io.spool.coordinator.GroupCoordinator} is what the broker's handlers call, and
 * {@link io.spool.coordinator.OffsetsTopic} and {@link io.spool.coordinator.TopicLookup} are what
 * the broker supplies. Depends on spool-log and spool-wire only, never on the broker.
 */
package io.spool.coordinator;
