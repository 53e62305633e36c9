package io.spool.log.cleaner;

import io.spool.log.Log;
import io.spool.log.TopicPartition;
import io.spool.log.checkpoint.OffsetCheckpoints;
import io.spool.log.time.Time;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the cleaner threads share: which log to compact next, which are being compacted (one
 * thread per log), which failed and are left alone until restart (as Kafka does), and how far
 * each log was compacted, kept in each log dir's {@code cleaner-offset-checkpoint}.
 *
 * <p>A log is chosen when it has dirty bytes and its dirty ratio exceeds
 * {@code min.cleanable.dirty.ratio}, or a dirty record waited past {@code max.compaction.lag.ms};
 * the dirtiest such log goes first. A log whose last compaction left tombstones is also chosen
 * once their delete horizon has passed, so they disappear without waiting for new writes (a
 * Spool addition; remembered in memory only). Thread-safe.
 */
final class CleanerManager {
    static final String CHECKPOINT_FILE = "cleaner-offset-checkpoint";

    private static final System.Logger LOG = System.getLogger(CleanerManager.class.getName());

    private final List<Path> logDirs;
    private final Supplier<Map<TopicPartition, Log>> logs;
    private final Time time;
    private final Map<TopicPartition, Long> checkpoints = new HashMap<>();
    private final Map<TopicPartition, Long> deleteHorizons = new HashMap<>();
    private final Set<Log> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Log> aborting = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Log> uncleanable = Collections.newSetFromMap(new IdentityHashMap<>());

    CleanerManager(List<Path> logDirs, Supplier<Map<TopicPartition, Log>> logs, Time time) {
        this.logDirs = List.copyOf(logDirs);
        this.logs = logs;
        this.time = time;
    }

    /**
     * Reads every log dir's checkpoint file. An unreadable one is ignored: its logs are compacted
     * from their start again, which costs work but loses nothing.
     */
    synchronized void loadCheckpoints() {
        for (Path dir : logDirs) {
            try {
                checkpoints.putAll(new OffsetCheckpoints(dir.resolve(CHECKPOINT_FILE)).read());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Ignoring unreadable {0} in {1}: {2}", CHECKPOINT_FILE, dir, e.getMessage());
            }
        }
    }

    /** The dirtiest compacted log that should be compacted now, marked in progress; empty if none. */
    synchronized Optional<LogToClean> grabFilthiestLog() {
        long now = time.milliseconds();
        LogToClean filthiest = null;
        for (Log log : logs.get().values()) {
            if (!log.config().compactEnabled() || inProgress.contains(log) || uncleanable.contains(log)) {
                continue;
            }
            TopicPartition tp = log.topicPartition();
            LogToClean candidate;
            try {
                candidate = LogToClean.of(log, checkpoints.get(tp), now);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot measure {0} for compaction: {1}", tp, e.toString());
                continue;
            }
            boolean tombstonesExpired = deleteHorizons.getOrDefault(tp, Long.MAX_VALUE) <= now;
            if ((candidate.cleanable() || tombstonesExpired)
                    && (filthiest == null || candidate.dirtyRatio() > filthiest.dirtyRatio())) {
                filthiest = candidate;
            }
        }
        if (filthiest != null) {
            inProgress.add(filthiest.log());
        }
        return Optional.ofNullable(filthiest);
    }

    /** Whether the compaction of {@code log} under way should stop. */
    synchronized boolean isAborting(Log log) {
        return aborting.contains(log);
    }

    /** Records how far a compaction got and writes the checkpoint file of the log's dir. */
    synchronized void doneCleaning(Log log, Cleaner.Result result) {
        release(log);
        TopicPartition tp = log.topicPartition();
        if (logs.get().get(tp) != log) {
            return; // deleted while it was compacted
        }
        checkpoints.put(tp, result.endOffset());
        if (result.earliestDeleteHorizon() == Long.MAX_VALUE) {
            deleteHorizons.remove(tp);
        } else {
            deleteHorizons.put(tp, result.earliestDeleteHorizon());
        }
        writeCheckpoint(log.dir().getParent());
    }

    /** A compaction stopped without reaching its end; the log may be chosen again. */
    synchronized void abortedCleaning(Log log) {
        release(log);
    }

    /** A compaction failed; the log is not compacted again until restart. */
    synchronized void markUncleanable(Log log) {
        release(log);
        uncleanable.add(log);
    }

    /**
     * Stops a compaction of the partition's log under way, waits until it has, and forgets the
     * partition (its log is being deleted).
     */
    synchronized void abortAndForget(TopicPartition tp) throws InterruptedException {
        for (Log log : inProgress) {
            if (log.topicPartition().equals(tp)) {
                aborting.add(log);
            }
        }
        while (inProgress.stream().anyMatch(log -> log.topicPartition().equals(tp))) {
            wait();
        }
        checkpoints.remove(tp);
        deleteHorizons.remove(tp);
        uncleanable.removeIf(log -> log.topicPartition().equals(tp));
    }

    /** The offset compaction of the partition last reached, if it was compacted. */
    synchronized Optional<Long> checkpoint(TopicPartition tp) {
        return Optional.ofNullable(checkpoints.get(tp));
    }

    private void release(Log log) {
        inProgress.remove(log);
        aborting.remove(log);
        notifyAll();
    }

    /** Rewrites the dir's file with the checkpoints of the logs it holds now. */
    private void writeCheckpoint(Path dir) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Log log : logs.get().values()) {
            Long offset = checkpoints.get(log.topicPartition());
            if (offset != null && dir.equals(log.dir().getParent())) {
                offsets.put(log.topicPartition(), offset);
            }
        }
        try {
            new OffsetCheckpoints(dir.resolve(CHECKPOINT_FILE)).write(offsets);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Cannot write " + CHECKPOINT_FILE + " in " + dir, e);
        }
    }
}
