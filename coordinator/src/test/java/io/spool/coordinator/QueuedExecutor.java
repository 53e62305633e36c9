package io.spool.coordinator;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Holds tasks until the test runs them, to observe what happens while work (a partition load) is under way. */
final class QueuedExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    void runAll() {
        Runnable next;
        while ((next = tasks.poll()) != null) {
            next.run();
        }
    }
}
