package io.spool.log.cleaner;

import io.netty.buffer.ByteBufAllocator;
import io.spool.log.Log;
import io.spool.log.TopicPartition;
import io.spool.log.time.Time;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Log compaction for topics whose {@code cleanup.policy} includes {@code compact}: its own
 * threads ({@code log.cleaner.threads}) each take the dirtiest log in turn, compact it and record
 * how far they got, pausing {@code log.cleaner.backoff.ms} when no log needs it. Deletion by
 * retention for {@code compact,delete} stays with the log manager's retention task. Owned by the
 * {@link io.spool.log.LogManager}; never runs on request threads.
 *
 * <p>Threads are stopped by a flag they poll between batches, never by interruption: an
 * interrupt during a read would close the segment's file channel under every other reader.
 */
public final class LogCleaner {
    private static final System.Logger LOG = System.getLogger(LogCleaner.class.getName());

    private final CleanerConfig config;
    private final CleanerManager manager;
    private final Time time;
    private final List<Thread> threads = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private volatile boolean running;

    /**
     * @param logs the broker's current logs by partition (read on every round, so created and
     *     deleted logs are seen)
     */
    public LogCleaner(CleanerConfig config, List<Path> logDirs, Supplier<Map<TopicPartition, Log>> logs, Time time) {
        this.config = config;
        this.manager = new CleanerManager(logDirs, logs, time);
        this.time = time;
    }

    /** Reads each log dir's {@code cleaner-offset-checkpoint} and starts the threads (none when disabled). */
    public synchronized void startup() {
        manager.loadCheckpoints();
        if (!config.enabled() || running) {
            return;
        }
        running = true;
        for (int i = 0; i < config.threads(); i++) {
            Thread thread = new Thread(this::run, "spool-log-cleaner-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        LOG.log(Level.INFO, "Log cleaner started with {0} thread(s)", config.threads());
    }

    /** Stops the threads after the batch each is working on, and waits for them. */
    public synchronized void shutdown() {
        lock.lock();
        try {
            running = false;
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        threads.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops a compaction of the partition's log under way, waits until it has, and forgets how far
     * the partition was compacted: its log is being deleted.
     */
    public void abortAndForget(TopicPartition tp) {
        try {
            manager.abortAndForget(tp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The offset compaction of the partition last reached (its first dirty offset), if it was compacted. */
    public OptionalLong cleanedUpTo(TopicPartition tp) {
        Optional<Long> offset = manager.checkpoint(tp);
        return offset.isPresent() ? OptionalLong.of(offset.get()) : OptionalLong.empty();
    }

    /** A cleaner with this thread's share of the dedupe and I/O buffers. */
    Cleaner newCleaner() {
        return new Cleaner(config.dedupeBufferPerThread(), config.ioBufferLoadFactor(), config.ioBufferPerThread(), time,
                ByteBufAllocator.DEFAULT);
    }

    private void run() {
        try (Cleaner cleaner = newCleaner()) {
            while (running) {
                boolean progressed;
                try {
                    progressed = cleanFilthiestLog(cleaner, () -> !running);
                } catch (RuntimeException | OutOfMemoryError e) {
                    LOG.log(Level.ERROR, "Log cleaner round failed", e);
                    progressed = false;
                }
                if (!progressed) {
                    backOff();
                }
            }
        }
    }

    private void backOff() {
        lock.lock();
        try {
            if (running) {
                stopping.await(config.backoffMs(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One round on the calling thread: compacts the dirtiest log that needs it.
     *
     * @param stopped polled between batches; true stops the round
     * @return whether a log was compacted to its chosen end
     */
    boolean cleanFilthiestLog(Cleaner cleaner, BooleanSupplier stopped) {
        Optional<LogToClean> chosen = manager.grabFilthiestLog();
        if (chosen.isEmpty()) {
            return false;
        }
        LogToClean target = chosen.get();
        Log log = target.log();
        try {
            Cleaner.Result result = cleaner.clean(target, () -> stopped.getAsBoolean() || manager.isAborting(log));
            if (result == null) {
                manager.abortedCleaning(log);
                return false;
            }
            manager.doneCleaning(log, result);
            return true;
        } catch (CleaningAbortedException e) {
            manager.abortedCleaning(log);
            return false;
        } catch (IOException | RuntimeException e) {
            // A log deleted or truncated under the cleaner can fail it in many ways; none is the log's fault.
            if (manager.isAborting(log) || log.truncations() != target.truncations()) {
                manager.abortedCleaning(log);
            } else {
                LOG.log(Level.ERROR, "Compacting " + log.topicPartition() + " failed; it is left alone until restart", e);
                manager.markUncleanable(log);
            }
            return false;
        }
    }
}
