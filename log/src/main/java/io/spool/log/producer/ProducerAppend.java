package io.spool.log.producer;

import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.wire.records.RecordBatch;

import java.util.HashMap;
import java.util.Map;

/**
 * The producer-state side of one leader append: each client batch is checked against the
 * producer's state (including earlier batches of the same append), then recorded with its
 * assigned offsets; nothing reaches the partition's state until {@link #commit} after the write.
 */
public final class ProducerAppend {
    private final ProducerStateManager manager;
    private final Map<Long, ProducerStateEntry> updated = new HashMap<>();

    ProducerAppend(ProducerStateManager manager) {
        this.manager = manager;
    }

    /**
     * Checks a client batch's epoch and sequence before it gets offsets.
     *
     * @return the retained batch this one repeats (the producer retried it), or null for a new batch
     * @throws LogException INVALID_PRODUCER_EPOCH for a fenced epoch, OUT_OF_ORDER_SEQUENCE_NUMBER
     *     for a gap or a new epoch not starting at 0
     */
    public BatchMetadata check(RecordBatch batch) {
        if (!batch.hasProducerId()) {
            return null;
        }
        long producerId = batch.producerId();
        ProducerStateEntry current = current(producerId);
        if (current == null) {
            // Unknown producer (new, or its state expired or was deleted with old segments): any sequence starts it.
            return null;
        }
        short epoch = batch.producerEpoch();
        int firstSeq = batch.baseSequence();
        if (epoch == current.epoch()) {
            BatchMetadata duplicate = current.findBatch(firstSeq, batch.lastSequence());
            if (duplicate != null) {
                return duplicate;
            }
        }
        if (epoch < current.epoch()) {
            throw new LogException(LogError.INVALID_PRODUCER_EPOCH, "producer " + producerId + " has epoch " + epoch
                    + " but the partition has seen epoch " + current.epoch());
        }
        if (epoch != current.epoch()) {
            if (firstSeq != 0) {
                throw new LogException(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, "producer " + producerId + " starts epoch "
                        + epoch + " at sequence " + firstSeq + ", expected 0");
            }
        } else if (!inSequence(current.lastSeq(), firstSeq)) {
            throw new LogException(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, "producer " + producerId + " sent sequence "
                    + firstSeq + " after " + current.lastSeq() + " in epoch " + epoch);
        }
        return null;
    }

    /** Records a checked batch after its offsets (and timestamp) are final. */
    public void add(RecordBatch batch) {
        if (!batch.hasProducerId()) {
            return;
        }
        long producerId = batch.producerId();
        ProducerStateEntry entry = updated.get(producerId);
        if (entry == null) {
            ProducerStateEntry current = manager.entry(producerId);
            entry = current == null ? new ProducerStateEntry(producerId, batch.producerEpoch()) : current.copy();
            updated.put(producerId, entry);
        }
        entry.add(batch.producerEpoch(), ProducerStateManager.metadataOf(batch));
    }

    /** Publishes the recorded batches to the partition's state once they are in the log. */
    public void commit(long logEndOffset) {
        manager.commit(updated, logEndOffset);
    }

    private ProducerStateEntry current(long producerId) {
        ProducerStateEntry pending = updated.get(producerId);
        return pending != null ? pending : manager.entry(producerId);
    }

    /** Sequences wrap from Integer.MAX_VALUE to 0. */
    static boolean inSequence(int lastSeq, int nextSeq) {
        return nextSeq == lastSeq + 1L || (nextSeq == 0 && lastSeq == Integer.MAX_VALUE);
    }
}
