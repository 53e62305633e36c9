package io.spool.log.time;

/** The clock of the machine: the only place in the log that reads System time. */
final class SystemTime implements Time {
    @Override
    public long milliseconds() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoseconds() {
        return System.nanoTime();
    }
}
