package io.spool.broker.api.fetch;

import io.spool.replication.partition.Partition;
import io.spool.wire.message.FetchResponse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fetch waiting for min_bytes: re-read when one of its partitions gets records, answered with
 * whatever is there when max_wait_ms expires. Completes exactly once, from whichever thread gets
 * there first.
 */
final class DelayedFetch {
    private final FetchPlan plan;
    private final int minBytes;
    private final FetchReader reader;
    private final DelayedFetches registry;
    private final List<Partition> watched;
    private final CompletableFuture<FetchResponse> future = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> expiry;

    DelayedFetch(FetchPlan plan, int minBytes, FetchReader reader, DelayedFetches registry) {
        this.plan = plan;
        this.minBytes = minBytes;
        this.reader = reader;
        this.registry = registry;
        this.watched = plan.hostedPartitions();
    }

    /** Starts waiting: watches the partitions, arms the timer, and checks once more for appends that raced the first read. */
    CompletableFuture<FetchResponse> start(ScheduledExecutorService scheduler, long maxWaitMs) {
        registry.watch(this, watched);
        expiry = scheduler.schedule(this::expire, maxWaitMs, TimeUnit.MILLISECONDS);
        if (done.get()) {
            expiry.cancel(false);
        }
        tryComplete();
        return future;
    }

    /** Called after an append to a watched partition. */
    void tryComplete() {
        if (done.get() || !plan.mayHaveNews()) {
            return;
        }
        FetchReader.Result result = reader.read(plan);
        if (result.bytes() >= minBytes || result.anyError()) {
            complete(result.response());
        }
    }

    /** Answers now with what there is (timer, or the broker shutting down). */
    void expire() {
        if (!done.get()) {
            complete(reader.read(plan).response());
        }
    }

    private void complete(FetchResponse response) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> timer = expiry;
        if (timer != null) {
            timer.cancel(false);
        }
        registry.unwatch(this, watched);
        future.complete(response);
    }
}
