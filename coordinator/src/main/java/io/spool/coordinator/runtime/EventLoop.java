package io.spool.coordinator.runtime;

import java.util.concurrent.Executor;

/**
 * Runs the coordinator's events one at a time, in submission order. Group and offset state is only
 * touched from tasks of this loop, so it needs no locks.
 */
public interface EventLoop extends Executor {
    /** Runs {@code task} on the loop every {@code periodMs} until {@link #shutdown()}. */
    void every(long periodMs, Runnable task);

    /** Stops the loop; tasks submitted afterwards are refused with RejectedExecutionException. */
    void shutdown();
}
