package io.spool.log.epoch;

import io.spool.log.checkpoint.CheckpointFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The epochs a partition's log went through, each with its start offset, ascending in both. Every
 * change is written through to {@code leader-epoch-checkpoint} before the method returns, because
 * followers truncate by this history after a leader change.
 */
public final class LeaderEpochCache {
    public static final String FILE_NAME = "leader-epoch-checkpoint";

    private static final CheckpointFile.LineFormat<EpochEntry> FORMAT = new CheckpointFile.LineFormat<>() {
        @Override
        public String format(EpochEntry entry) {
            return entry.epoch() + " " + entry.startOffset();
        }

        @Override
        public EpochEntry parse(String line) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected 'epoch startOffset'");
            }
            return new EpochEntry(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        }
    };

    private final CheckpointFile<EpochEntry> file;
    private final List<EpochEntry> entries;

    public LeaderEpochCache(Path partitionDir) throws IOException {
        this.file = new CheckpointFile<>(partitionDir.resolve(FILE_NAME), FORMAT);
        this.entries = new ArrayList<>(file.read());
    }

    /** Notes that {@code epoch} starts at {@code startOffset} if it is newer than the latest epoch. */
    public synchronized void assign(int epoch, long startOffset) {
        if (epoch < 0) {
            return;
        }
        EpochEntry latest = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        if (latest != null && epoch <= latest.epoch()) {
            return;
        }
        // A newer epoch starting at or below an older one's start means that history was truncated away.
        entries.removeIf(e -> e.startOffset() >= startOffset);
        entries.add(new EpochEntry(epoch, startOffset));
        flush();
    }

    public synchronized OptionalInt latestEpoch() {
        return entries.isEmpty() ? OptionalInt.empty() : OptionalInt.of(entries.get(entries.size() - 1).epoch());
    }

    /**
     * The end offset of {@code epoch}: the start of the next larger epoch, or {@code logEndOffset}
     * for the latest. For an epoch that was never seen, the epoch below it answers; -1 if none is.
     */
    public synchronized EpochEntry endOffsetFor(int epoch, long logEndOffset) {
        EpochEntry below = null;
        for (int i = 0; i < entries.size(); i++) {
            EpochEntry entry = entries.get(i);
            if (entry.epoch() > epoch) {
                return below == null ? new EpochEntry(-1, -1L) : new EpochEntry(below.epoch(), entry.startOffset());
            }
            below = entry;
        }
        return below == null ? new EpochEntry(-1, -1L) : new EpochEntry(below.epoch(), logEndOffset);
    }

    /** Forgets epochs that start at or after {@code endOffset}, after the log was cut there. */
    public synchronized void truncateFromEnd(long endOffset) {
        if (entries.removeIf(e -> e.startOffset() >= endOffset)) {
            flush();
        }
    }

    /** Moves the history's start to {@code startOffset} when the log's start advances past old epochs. */
    public synchronized void truncateFromStart(long startOffset) {
        int lastCovering = -1;
        for (int i = 0; i < entries.size() && entries.get(i).startOffset() <= startOffset; i++) {
            lastCovering = i;
        }
        if (lastCovering < 0 || (lastCovering == 0 && entries.get(0).startOffset() == startOffset)) {
            return;
        }
        EpochEntry kept = new EpochEntry(entries.get(lastCovering).epoch(), startOffset);
        entries.subList(0, lastCovering + 1).clear();
        entries.add(0, kept);
        flush();
    }

    public synchronized List<EpochEntry> entries() {
        return List.copyOf(entries);
    }

    private void flush() {
        try {
            file.write(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.file(), e);
        }
    }
}
