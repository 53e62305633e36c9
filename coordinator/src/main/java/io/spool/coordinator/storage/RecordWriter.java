package io.spool.coordinator.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spool.coordinator.OffsetsTopic;
import io.spool.log.time.Time;
import io.spool.wire.records.CompressionType;
import io.spool.wire.records.RecordBatchBuilder;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Appends the records of one state change to a partition of {@code __consumer_offsets} as one
 * batch, so they are applied all or none, and reports the outcome back on the event loop.
 */
public final class RecordWriter {
    private final OffsetsTopic topic;
    private final int partition;
    private final Time time;
    private final Executor events;
    private final ByteBufAllocator allocator;
    private final RecordSerde serde;

    public RecordWriter(OffsetsTopic topic, int partition, Time time, Executor events, ByteBufAllocator allocator) {
        this.topic = topic;
        this.partition = partition;
        this.time = time;
        this.events = events;
        this.allocator = allocator;
        this.serde = new RecordSerde(allocator);
    }

    /**
     * Appends {@code records} as one batch stamped with the current time. The future completes on
     * the event loop once they are committed, or fails with the append's error.
     */
    public CompletableFuture<Void> write(List<CoordinatorRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Long> appended;
        try {
            ByteBuf batch = build(records);
            try {
                appended = topic.append(partition, batch);
            } finally {
                batch.release();
            }
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        appended.whenComplete((offset, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            try {
                events.execute(() -> complete(done, cause));
            } catch (RejectedExecutionException stopped) {
                // The coordinator is shutting down and its state is being dropped: fail at once
                // rather than leave the request unanswered.
                done.completeExceptionally(new IllegalStateException("the group coordinator stopped", stopped));
            }
        });
        return done;
    }

    private static void complete(CompletableFuture<Void> done, Throwable failure) {
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    private ByteBuf build(List<CoordinatorRecord> records) {
        long now = time.milliseconds();
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, CompressionType.NONE)) {
            for (CoordinatorRecord record : records) {
                ByteBuf key = serde.key(record);
                ByteBuf value = null;
                try {
                    value = serde.value(record);
                    builder.append(now, key, value);
                } finally {
                    key.release();
                    if (value != null) {
                        value.release();
                    }
                }
            }
            return builder.build();
        }
    }
}
