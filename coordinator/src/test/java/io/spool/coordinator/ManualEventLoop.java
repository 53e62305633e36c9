package io.spool.coordinator;

import io.spool.coordinator.runtime.EventLoop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * An event loop on the test's own thread: a task runs at once, unless one is already running, in
 * which case it runs right after it (as on a real single-threaded loop). Periodic tasks run when
 * the test calls {@link #tick()}.
 */
final class ManualEventLoop implements EventLoop {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Runnable> periodic = new ArrayList<>();
    private boolean running;
    private boolean shutDown;

    @Override
    public void execute(Runnable task) {
        if (shutDown) {
            throw new RejectedExecutionException("event loop is shut down");
        }
        queue.add(task);
        if (running) {
            return;
        }
        running = true;
        try {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        } finally {
            running = false;
        }
    }

    @Override
    public void every(long periodMs, Runnable task) {
        periodic.add(task);
    }

    /** Runs the periodic tasks once, as the loop's timer tick would. */
    void tick() {
        periodic.forEach(this::execute);
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }
}
