package io.spool.log;

/** A record's timestamp and offset with the leader epoch it was written in (-1 if unknown), as ListOffsets answers. */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {
}
