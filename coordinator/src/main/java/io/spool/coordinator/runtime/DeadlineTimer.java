package io.spool.coordinator.runtime;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Actions due at a wall-clock deadline, one per key: scheduling a key again replaces its action
 * (a heartbeat pushes its member's expiry back). Nothing runs by itself: {@link #runDue(long)} runs
 * what is due, called from the event loop's tick or by a test after moving a manual clock. Not
 * thread-safe; used on the event loop only.
 */
public final class DeadlineTimer {
    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong((Entry e) -> e.deadlineMs).thenComparingLong(e -> e.sequence);

    private final Map<Object, Entry> byKey = new HashMap<>();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(ORDER);
    private long sequence;

    private static final class Entry {
        final Object key;
        final long deadlineMs;
        final long sequence;
        final Runnable action;
        boolean cancelled;

        Entry(Object key, long deadlineMs, long sequence, Runnable action) {
            this.key = key;
            this.deadlineMs = deadlineMs;
            this.sequence = sequence;
            this.action = action;
        }
    }

    /** Runs {@code action} once {@code deadlineMs} has passed, replacing whatever {@code key} had. */
    public void schedule(Object key, long deadlineMs, Runnable action) {
        cancel(key);
        Entry entry = new Entry(key, deadlineMs, sequence++, action);
        byKey.put(key, entry);
        queue.add(entry);
    }

    /** Drops the action of {@code key}, if any. */
    public void cancel(Object key) {
        Entry entry = byKey.remove(key);
        if (entry != null) {
            entry.cancelled = true; // left in the queue and skipped when it comes up: no linear removal
        }
    }

    /** Runs, in deadline order, every action due at {@code nowMs}, including ones that due actions schedule. */
    public void runDue(long nowMs) {
        Entry head;
        while ((head = queue.peek()) != null && head.deadlineMs <= nowMs) {
            queue.poll();
            if (head.cancelled) {
                continue;
            }
            byKey.remove(head.key);
            head.action.run();
        }
    }

    /** Drops every action (the partition was unloaded). */
    public void clear() {
        byKey.clear();
        queue.clear();
    }
}
