package io.spool.broker;

import java.util.logging.LogManager;

/**
 * The JDK LogManager, except that its own shutdown hook does not silence logging: the broker's
 * shutdown hook runs at the same time and its messages ("stopping", "stopped") should be seen.
 * The JDK's hook is a thread class nested in LogManager; only its reset is skipped.
 */
public final class ShutdownLogManager extends LogManager {
    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getEnclosingClass() != LogManager.class) {
            super.reset();
        }
    }
}
