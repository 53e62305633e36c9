package io.spool.log.index;

/** A timestamp and an offset: in the time index, the largest timestamp up to that offset. */
public record TimestampOffset(long timestamp, long offset) {
}
