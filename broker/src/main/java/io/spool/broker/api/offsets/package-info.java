/**
 * Offset lookups: ListOffsets (earliest, latest, by timestamp, max timestamp) and
 * OffsetForLeaderEpoch (end offset of a leader epoch). Read-only against the partition logs.
 */
package io.spool.broker.api.offsets;
