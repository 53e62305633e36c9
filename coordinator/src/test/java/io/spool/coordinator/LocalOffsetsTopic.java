package io.spool.coordinator;

import io.netty.buffer.ByteBuf;
import io.spool.log.AppendResult;
import io.spool.log.Log;
import io.spool.log.LogManager;
import io.spool.log.TopicPartition;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * __consumer_offsets on a real LogManager, as a single broker hosts it: every partition is led
 * here and an append is committed once written. A test can make appends fail.
 */
final class LocalOffsetsTopic implements OffsetsTopic {
    private final LogManager logs;
    private final AtomicReference<RuntimeException> appendFailure = new AtomicReference<>();
    private int partitions;

    LocalOffsetsTopic(LogManager logs) {
        this.logs = logs;
        this.partitions = (int) logs.allLogs().keySet().stream().filter(tp -> tp.topic().equals(NAME)).count();
    }

    @Override
    public synchronized OptionalInt partitionCount() {
        return partitions == 0 ? OptionalInt.empty() : OptionalInt.of(partitions);
    }

    @Override
    public synchronized int createIfAbsent(int partitionCount, short replicationFactor, Map<String, String> configs) {
        if (partitions == 0) {
            for (int i = 0; i < partitionCount; i++) {
                logs.getOrCreateLog(new TopicPartition(NAME, i), logs.defaultConfig().withOverrides(configs));
            }
            partitions = partitionCount;
        }
        return partitions;
    }

    @Override
    public Optional<Log> log(int partition) {
        return logs.getLog(new TopicPartition(NAME, partition));
    }

    @Override
    public CompletableFuture<Long> append(int partition, ByteBuf batch) {
        RuntimeException failure = appendFailure.get();
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        try {
            Log log = log(partition).orElseThrow(() -> new IllegalStateException("not the leader of " + partition));
            AppendResult result = log.appendAsLeader(batch, 0);
            log.setHighWatermark(log.logEndOffset());
            return CompletableFuture.completedFuture(result.lastOffset());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Makes later appends fail with {@code failure} (null: succeed again). */
    void failAppends(RuntimeException failure) {
        appendFailure.set(failure);
    }
}
