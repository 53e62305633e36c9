package io.spool.log.producer;

import io.spool.wire.records.RecordBatch;

import java.util.ArrayDeque;
import java.util.Deque;

/** What the partition remembers of one producer id: its epoch and its last few batches. */
public final class ProducerStateEntry {
    /** Producers keep up to five requests in flight, so five batches are enough to spot a retry. */
    public static final int BATCHES_RETAINED = 5;

    private final long producerId;
    private short epoch;
    private final Deque<BatchMetadata> batches = new ArrayDeque<>(BATCHES_RETAINED);
    private int coordinatorEpoch = -1;
    private long currentTxnFirstOffset = -1L;
    private long lastTimestamp = RecordBatch.NO_TIMESTAMP;

    ProducerStateEntry(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
    }

    ProducerStateEntry copy() {
        ProducerStateEntry copy = new ProducerStateEntry(producerId, epoch);
        copy.batches.addAll(batches);
        copy.coordinatorEpoch = coordinatorEpoch;
        copy.currentTxnFirstOffset = currentTxnFirstOffset;
        copy.lastTimestamp = lastTimestamp;
        return copy;
    }

    public long producerId() {
        return producerId;
    }

    public short epoch() {
        return epoch;
    }

    public long lastTimestamp() {
        return lastTimestamp;
    }

    public int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    public long currentTxnFirstOffset() {
        return currentTxnFirstOffset;
    }

    /** The last sequence written, or NO_SEQUENCE if no batch of the current epoch is known. */
    public int lastSeq() {
        return batches.isEmpty() ? RecordBatch.NO_SEQUENCE : batches.peekLast().lastSeq();
    }

    public BatchMetadata lastBatch() {
        return batches.peekLast();
    }

    /** The retained batch with exactly this sequence range, or null. */
    BatchMetadata findBatch(int firstSeq, int lastSeq) {
        for (BatchMetadata batch : batches) {
            if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) {
                return batch;
            }
        }
        return null;
    }

    /** Adds a written batch; a new epoch forgets the old epoch's batches. */
    void add(short batchEpoch, BatchMetadata batch) {
        if (batchEpoch != epoch) {
            epoch = batchEpoch;
            batches.clear();
        }
        if (batches.size() == BATCHES_RETAINED) {
            batches.removeFirst();
        }
        batches.addLast(batch);
        lastTimestamp = batch.timestamp();
    }

    /** Restores the state a snapshot recorded. */
    void restore(BatchMetadata lastBatch, long timestamp, int coordinatorEpoch, long currentTxnFirstOffset) {
        batches.clear();
        if (lastBatch != null) {
            batches.addLast(lastBatch);
        }
        this.lastTimestamp = timestamp;
        this.coordinatorEpoch = coordinatorEpoch;
        this.currentTxnFirstOffset = currentTxnFirstOffset;
    }
}
