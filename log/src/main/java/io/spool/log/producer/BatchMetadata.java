package io.spool.log.producer;

import io.spool.wire.records.RecordBatch;

/** Sequence and offset range of one appended batch of a producer, enough to answer its duplicate. */
public record BatchMetadata(int lastSeq, long lastOffset, int offsetDelta, long timestamp) {
    public int firstSeq() {
        return lastSeq == RecordBatch.NO_SEQUENCE ? RecordBatch.NO_SEQUENCE : decrement(lastSeq, offsetDelta);
    }

    public long firstOffset() {
        return lastOffset - offsetDelta;
    }

    private static int decrement(int sequence, int decrement) {
        return sequence < decrement ? Integer.MAX_VALUE - (decrement - sequence) + 1 : sequence - decrement;
    }
}
