package io.spool.compat;

/** Where a record sits in a topic: its partition and offset. */
public record RecordPosition(int partition, long offset) {
}
