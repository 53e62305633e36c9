package io.spool.log.producer;

import io.spool.wire.records.RecordBatch;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The idempotent-producer state of one partition and its snapshot files. Not thread-safe: the
 * partition calls it under its append lock.
 *
 * <p>State reflects the log up to {@link #mapEndOffset()}. It is rebuilt after a restart from
 * the latest snapshot not above the log end and a replay of the batches after it.
 */
public final class ProducerStateManager {
    private static final System.Logger LOG = System.getLogger(ProducerStateManager.class.getName());

    private final Path dir;
    private final Map<Long, ProducerStateEntry> producers = new HashMap<>();
    private final TreeMap<Long, Path> snapshots = new TreeMap<>();
    private volatile long producerIdExpirationMs;
    private long mapEndOffset;

    public ProducerStateManager(Path dir, long producerIdExpirationMs) throws IOException {
        this.dir = dir;
        this.producerIdExpirationMs = producerIdExpirationMs;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ProducerSnapshotFile.SUFFIX)) {
            for (Path file : files) {
                long offset = ProducerSnapshotFile.offsetOf(file);
                if (offset >= 0) {
                    snapshots.put(offset, file);
                }
            }
        }
    }

    public void setProducerIdExpirationMs(long producerIdExpirationMs) {
        this.producerIdExpirationMs = producerIdExpirationMs;
    }

    /** The offset up to which (exclusive) the state reflects the log. */
    public long mapEndOffset() {
        return mapEndOffset;
    }

    public ProducerStateEntry entry(long producerId) {
        return producers.get(producerId);
    }

    public Collection<ProducerStateEntry> producers() {
        return producers.values();
    }

    /** Starts checking and collecting the batches of one append from a client. */
    public ProducerAppend startAppend() {
        return new ProducerAppend(this);
    }

    /** Applies a batch already in the log (recovery, replication) without checking its sequence. */
    public void replay(RecordBatch batch) {
        if (batch.hasProducerId()) {
            ProducerStateEntry entry = producers.computeIfAbsent(batch.producerId(),
                    id -> new ProducerStateEntry(id, batch.producerEpoch()));
            entry.add(batch.producerEpoch(), metadataOf(batch));
        }
        mapEndOffset = batch.lastOffset() + 1;
    }

    void commit(Map<Long, ProducerStateEntry> updated, long endOffset) {
        producers.putAll(updated);
        mapEndOffset = endOffset;
    }

    static BatchMetadata metadataOf(RecordBatch batch) {
        return new BatchMetadata(batch.lastSequence(), batch.lastOffset(), batch.lastOffsetDelta(), batch.maxTimestamp());
    }

    /** Forgets producers idle for {@code producer.id.expiration.ms}, judged by their last batch's timestamp. */
    public void removeExpired(long nowMs) {
        producers.values().removeIf(entry -> isExpired(entry, nowMs));
    }

    private boolean isExpired(ProducerStateEntry entry, long nowMs) {
        return entry.currentTxnFirstOffset() < 0 && nowMs - entry.lastTimestamp() >= producerIdExpirationMs;
    }

    /** Writes the state as the snapshot at {@link #mapEndOffset()}, unless that snapshot exists. */
    public void takeSnapshot() throws IOException {
        if (snapshots.containsKey(mapEndOffset)) {
            return;
        }
        Path file = ProducerSnapshotFile.path(dir, mapEndOffset);
        ProducerSnapshotFile.write(file, producers.values());
        snapshots.put(mapEndOffset, file);
    }

    /**
     * Resets the state to the latest readable snapshot at or below {@code logEndOffset} (deleting
     * snapshots above it and unreadable ones), or to empty at {@code logStartOffset} without one.
     * The caller then replays the log from {@link #mapEndOffset()}.
     */
    public void loadSnapshot(long logStartOffset, long logEndOffset, long nowMs) throws IOException {
        producers.clear();
        while (!snapshots.isEmpty() && snapshots.lastKey() > logEndOffset) {
            Files.deleteIfExists(snapshots.pollLastEntry().getValue());
        }
        while (!snapshots.isEmpty()) {
            Map.Entry<Long, Path> latest = snapshots.lastEntry();
            try {
                for (ProducerStateEntry entry : ProducerSnapshotFile.read(latest.getValue())) {
                    if (!isExpired(entry, nowMs)) {
                        producers.put(entry.producerId(), entry);
                    }
                }
                mapEndOffset = Math.max(latest.getKey(), logStartOffset);
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Ignoring unreadable producer snapshot {0}: {1}", latest.getValue(), e.getMessage());
                producers.clear();
                snapshots.remove(latest.getKey());
                Files.deleteIfExists(latest.getValue());
            }
        }
        mapEndOffset = logStartOffset;
    }

    /** Deletes snapshots named below {@code offset}, except the latest one, which recovery starts from. */
    public void deleteSnapshotsBelow(long offset) throws IOException {
        while (snapshots.size() > 1 && snapshots.firstKey() < offset) {
            Files.deleteIfExists(snapshots.pollFirstEntry().getValue());
        }
    }

    /** Offsets of the snapshot files present, ascending. */
    public Collection<Long> snapshotOffsets() {
        return snapshots.keySet();
    }
}
