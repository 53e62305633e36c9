package io.spool.replication.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * acks=all produces (and coordinator appends) waiting for the high watermark to pass their last
 * offset, by that offset. Futures complete outside the lock, so their callbacks may come back in.
 */
final class PendingCommits {
    private final NavigableMap<Long, List<CompletableFuture<ReplicaError>>> byOffset = new TreeMap<>();

    synchronized void add(long lastOffset, CompletableFuture<ReplicaError> waiter) {
        byOffset.computeIfAbsent(lastOffset, k -> new ArrayList<>(1)).add(waiter);
    }

    synchronized void remove(long lastOffset, CompletableFuture<ReplicaError> waiter) {
        List<CompletableFuture<ReplicaError>> list = byOffset.get(lastOffset);
        if (list != null && list.remove(waiter) && list.isEmpty()) {
            byOffset.remove(lastOffset);
        }
    }

    /** Completes every waiter whose last offset is below {@code highWatermark} with {@code outcome}. */
    void completeBelow(long highWatermark, ReplicaError outcome) {
        complete(take(highWatermark), outcome);
    }

    /** Completes every waiter with {@code outcome} (leadership lost, partition deleted). */
    void completeAll(ReplicaError outcome) {
        complete(take(Long.MAX_VALUE), outcome);
    }

    synchronized int size() {
        return byOffset.values().stream().mapToInt(List::size).sum();
    }

    private synchronized List<CompletableFuture<ReplicaError>> take(long below) {
        NavigableMap<Long, List<CompletableFuture<ReplicaError>>> done = byOffset.headMap(below, false);
        if (done.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<ReplicaError>> taken = new ArrayList<>();
        for (Map.Entry<Long, List<CompletableFuture<ReplicaError>>> e : done.entrySet()) {
            taken.addAll(e.getValue());
        }
        done.clear();
        return taken;
    }

    private static void complete(List<CompletableFuture<ReplicaError>> waiters, ReplicaError outcome) {
        for (CompletableFuture<ReplicaError> w : waiters) {
            w.complete(outcome);
        }
    }
}
