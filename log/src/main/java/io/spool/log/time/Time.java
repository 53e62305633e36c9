package io.spool.log.time;

/** Wall-clock milliseconds and monotonic nanoseconds, injected so tests can move time. */
public interface Time {
    /** The system clock. */
    Time SYSTEM = new SystemTime();

    /** Milliseconds since the epoch, as record timestamps use. */
    long milliseconds();

    /** A monotonic reading for measuring intervals; unrelated to wall-clock time. */
    long nanoseconds();
}
