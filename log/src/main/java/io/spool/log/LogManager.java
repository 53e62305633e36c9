package io.spool.log;

import io.spool.log.checkpoint.OffsetCheckpoints;
import io.spool.log.cleaner.LogCleaner;
import io.spool.log.time.Time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * All partition logs of the broker across its {@code log.dirs}: loads them at start (recovering
 * those of a dir without a clean-shutdown marker), creates and deletes them, and runs the
 * background work: retention, {@code flush.ms}, producer expiry, recovery-point and log-start
 * checkpoints, and compaction on the {@link LogCleaner}'s own threads. {@link #shutdown()} stops
 * the cleaner, closes every log, writes the checkpoints and the marker.
 */
public final class LogManager {
    public static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    public static final String LOCK_FILE = ".lock";
    /** Suffix of a partition directory renamed for asynchronous deletion. */
    public static final String DELETE_DIR_SUFFIX = "-delete";

    private static final System.Logger LOG = System.getLogger(LogManager.class.getName());

    private final LogManagerConfig managerConfig;
    private final Time time;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<TopicPartition, Log> logs = new ConcurrentHashMap<>();
    private final LogCleaner cleaner;
    private final Map<Path, FileLock> dirLocks = new HashMap<>();
    private volatile LogConfig defaultConfig;
    private boolean shutDown;

    private LogManager(LogManagerConfig managerConfig, LogConfig defaultConfig, Time time) {
        this.managerConfig = managerConfig;
        this.defaultConfig = defaultConfig;
        this.time = time;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "spool-log-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        scheduler.setRemoveOnCancelPolicy(true);
        this.cleaner = new LogCleaner(managerConfig.cleaner(), managerConfig.logDirs(), this::allLogs, time);
    }

    /**
     * Locks and loads every log dir, then starts the background tasks.
     *
     * @param topicConfigs the config of each topic found on disk (the broker's defaults plus the
     *     topic's overrides)
     */
    public static LogManager start(LogManagerConfig managerConfig, LogConfig defaultConfig,
                                   Function<String, LogConfig> topicConfigs, Time time) throws IOException {
        LogManager manager = new LogManager(managerConfig, defaultConfig, time);
        try {
            for (Path dir : managerConfig.logDirs()) {
                manager.loadDir(dir, topicConfigs);
            }
            manager.cleaner.startup();
        } catch (IOException | RuntimeException e) {
            manager.shutdownQuietly();
            throw e;
        }
        manager.scheduleBackgroundTasks();
        return manager;
    }

    private void loadDir(Path dir, Function<String, LogConfig> topicConfigs) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this same process
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("log dir " + dir + " is in use by another process");
        }
        dirLocks.put(dir, lock);
        Path marker = dir.resolve(CLEAN_SHUTDOWN_FILE);
        boolean clean = Files.exists(marker);
        Map<TopicPartition, Long> recoveryPoints = new OffsetCheckpoints(dir.resolve(OffsetCheckpoints.RECOVERY_POINT_FILE)).read();
        Map<TopicPartition, Long> logStarts = new OffsetCheckpoints(dir.resolve(OffsetCheckpoints.LOG_START_OFFSET_FILE)).read();
        int loaded = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.endsWith(DELETE_DIR_SUFFIX)) {
                    deleteRecursively(child);
                    continue;
                }
                TopicPartition tp = parseDirName(name);
                if (tp == null) {
                    LOG.log(Level.WARNING, "Ignoring {0}: not a partition directory", child);
                    continue;
                }
                if (logs.containsKey(tp)) {
                    throw new IOException("partition " + tp + " is in two log dirs: " + logs.get(tp).dir() + " and " + child);
                }
                Log log = Log.open(child, tp, topicConfigs.apply(tp.topic()), recoveryPoints.getOrDefault(tp, 0L),
                        logStarts.getOrDefault(tp, 0L), clean, managerConfig.producerIdExpirationMs(), time, scheduler);
                logs.put(tp, log);
                loaded++;
            }
        }
        Files.deleteIfExists(marker);
        if (loaded == 0) {
            LOG.log(Level.INFO, "Log dir {0} holds no partitions yet", dir);
        } else {
            LOG.log(Level.INFO, "Loaded {0} partitions from {1} after {2} shutdown", loaded, dir, clean ? "a clean" : "an unclean");
        }
    }

    /** {@code <topic>-<partition>}, or null for a name of another shape. */
    static TopicPartition parseDirName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return null;
        }
        String partition = name.substring(dash + 1);
        for (int i = 0; i < partition.length(); i++) {
            if (!Character.isDigit(partition.charAt(i))) {
                return null;
            }
        }
        try {
            return new TopicPartition(name.substring(0, dash), Integer.parseInt(partition));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void scheduleBackgroundTasks() {
        every(managerConfig.retentionCheckIntervalMs(), this::applyRetention);
        every(managerConfig.flushCheckIntervalMs(), () -> logs.values().forEach(Log::flushIfDue));
        every(managerConfig.recoveryPointCheckpointIntervalMs(), this::checkpointRecoveryPoints);
        every(managerConfig.logStartOffsetCheckpointIntervalMs(), this::checkpointLogStartOffsets);
        every(managerConfig.producerIdExpirationCheckIntervalMs(), () -> logs.values().forEach(Log::removeExpiredProducers));
    }

    private void every(long intervalMs, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Background log task failed", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Runs retention on every log now (the scheduler does so every {@code log.retention.check.interval.ms}). */
    public int applyRetention() {
        int deleted = 0;
        for (Log log : logs.values()) {
            try {
                deleted += log.deleteOldSegments();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Retention of " + log.topicPartition() + " failed", e);
            }
        }
        return deleted;
    }

    public Optional<Log> getLog(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    /** Every log, by partition. */
    public Map<TopicPartition, Log> allLogs() {
        return Map.copyOf(logs);
    }

    /** Compaction of the compacted topics' logs. */
    public LogCleaner cleaner() {
        return cleaner;
    }

    public LogConfig defaultConfig() {
        return defaultConfig;
    }

    /** The broker's topic defaults changed: later created logs use them. */
    public void updateDefaultConfig(LogConfig config) {
        this.defaultConfig = config;
    }

    /** The log of a partition, created in the log dir holding the fewest partitions if there is none. */
    public synchronized Log getOrCreateLog(TopicPartition tp, LogConfig config) {
        Log existing = logs.get(tp);
        if (existing != null) {
            return existing;
        }
        if (shutDown) {
            throw new IllegalStateException("log manager is shut down");
        }
        Path dir = leastLoadedDir().resolve(tp.dirName());
        try {
            Log log = Log.open(dir, tp, config, 0L, 0L, true, managerConfig.producerIdExpirationMs(), time, scheduler);
            logs.put(tp, log);
            LOG.log(Level.INFO, "Created log for {0} in {1}", tp, dir);
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log of " + tp + " in " + dir, e);
        }
    }

    private Path leastLoadedDir() {
        Map<Path, Integer> counts = new HashMap<>();
        for (Path dir : managerConfig.logDirs()) {
            counts.put(dir, 0);
        }
        for (Log log : logs.values()) {
            counts.computeIfPresent(log.dir().getParent(), (dir, count) -> count + 1);
        }
        return managerConfig.logDirs().stream().min(Comparator.comparingInt(counts::get)).orElseThrow();
    }

    /** Applies a topic's new config to all its partitions' logs. */
    public void updateConfig(String topic, LogConfig config) {
        for (Log log : logs.values()) {
            if (log.topicPartition().topic().equals(topic)) {
                log.updateConfig(config);
            }
        }
    }

    /**
     * Removes a partition's log: its directory is renamed {@code <topic>-<partition>.<uuid>-delete}
     * at once (so a restart finishes the job) and deleted after {@code file.delete.delay.ms}. A
     * compaction of it under way is stopped first (within a batch).
     *
     * @return whether there was a log to delete
     */
    public synchronized boolean deleteLog(TopicPartition tp) {
        Log log = logs.remove(tp);
        if (log == null) {
            return false;
        }
        cleaner.abortAndForget(tp);
        Path dir = log.dir();
        Path renamed = dir.resolveSibling(tp.dirName() + "." + UUID.randomUUID().toString().replace("-", "") + DELETE_DIR_SUFFIX);
        try {
            Files.move(dir, renamed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + dir + " for deletion", e);
        }
        log.markForDeletion(renamed);
        Runnable delete = () -> {
            try {
                log.closeFilesForDeletion();
                deleteRecursively(renamed);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Deleting " + renamed + " failed", e);
            }
        };
        scheduler.schedule(delete, log.config().fileDeleteDelayMs(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** Writes each dir's {@code recovery-point-offset-checkpoint}. */
    public void checkpointRecoveryPoints() {
        writeCheckpoints(OffsetCheckpoints.RECOVERY_POINT_FILE, Log::recoveryPoint);
    }

    /** Writes each dir's {@code log-start-offset-checkpoint}. */
    public void checkpointLogStartOffsets() {
        writeCheckpoints(OffsetCheckpoints.LOG_START_OFFSET_FILE, Log::logStartOffset);
    }

    private synchronized void writeCheckpoints(String fileName, Function<Log, Long> offset) {
        for (Path dir : managerConfig.logDirs()) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (Log log : logs.values()) {
                if (dir.equals(log.dir().getParent())) {
                    offsets.put(log.topicPartition(), offset.apply(log));
                }
            }
            try {
                new OffsetCheckpoints(dir.resolve(fileName)).write(offsets);
            } catch (IOException e) {
                LOG.log(Level.ERROR, "Cannot write " + fileName + " in " + dir, e);
            }
        }
    }

    /**
     * Stops the background tasks, closes every log (producer snapshot, fsync), writes the
     * checkpoints and then the clean-shutdown marker of each dir, and releases the dir locks.
     */
    public synchronized void shutdown() throws IOException {
        if (shutDown) {
            return;
        }
        shutDown = true;
        cleaner.shutdown();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException failure = null;
        for (Log log : logs.values()) {
            try {
                log.close();
            } catch (IOException e) {
                failure = e;
                LOG.log(Level.ERROR, "Closing " + log + " failed", e);
            }
        }
        checkpointRecoveryPoints();
        checkpointLogStartOffsets();
        if (failure == null) {
            for (Path dir : managerConfig.logDirs()) {
                Files.write(dir.resolve(CLEAN_SHUTDOWN_FILE), new byte[0]);
            }
        }
        releaseLocks();
        if (failure != null) {
            throw failure;
        }
    }

    private void shutdownQuietly() {
        cleaner.shutdown();
        scheduler.shutdownNow();
        for (Log log : logs.values()) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Closing " + log + " failed", e);
            }
        }
        releaseLocks();
    }

    private void releaseLocks() {
        for (FileLock lock : dirLocks.values()) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Releasing a log dir lock failed", e);
            }
        }
        dirLocks.clear();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
