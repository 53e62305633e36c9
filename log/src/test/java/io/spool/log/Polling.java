package io.spool.log;

import java.util.function.BooleanSupplier;

/** Waits for a condition, for background work such as delayed deletes. */
final class Polling {
    private Polling() {
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
