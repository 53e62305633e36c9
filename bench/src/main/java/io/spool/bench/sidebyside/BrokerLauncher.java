package io.spool.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Path;

/** Prepares one kind of broker for a run in a fresh directory. */
interface BrokerLauncher {
    BrokerKind kind();

    /**
     * Writes the broker's configuration under {@code runDir} (data in {@code runDir/data}), does any
     * one-time set-up the broker needs before its first start, and returns how to start it.
     */
    PreparedBroker prepare(Path runDir) throws IOException, InterruptedException;
}
