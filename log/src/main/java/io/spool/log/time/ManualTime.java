package io.spool.log.time;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, for deterministic tests of time-driven behaviour. */
public final class ManualTime implements Time {
    private final AtomicLong nanos;
    private final long epochMillisAtStart;

    public ManualTime(long startMillis) {
        this.epochMillisAtStart = startMillis;
        this.nanos = new AtomicLong(0);
    }

    @Override
    public long milliseconds() {
        return epochMillisAtStart + TimeUnit.NANOSECONDS.toMillis(nanos.get());
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    /** Moves the clock forward. */
    public void advance(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
