package io.spool.compat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition by polling it, so tests never sleep for a guessed duration. */
public final class Await {
    private static final long POLL_INTERVAL_MS = 50;

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails with {@code what} if it does not within {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
