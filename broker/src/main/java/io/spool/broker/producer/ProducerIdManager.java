package io.spool.broker.producer;

import java.io.IOException;

/** Hands out producer ids, each once for the life of the cluster. May block on disk; call off the event loops. */
public interface ProducerIdManager {
    long nextProducerId() throws IOException;
}
