package io.spool.broker.api;

/**
 * Completes a handler's future exceptionally to drop the connection without an answer, as Kafka
 * does for an acks=0 produce that failed: the client learns of the failure by the disconnect.
 */
public final class CloseConnection extends RuntimeException {
    public CloseConnection(String reason) {
        super(reason, null, false, false);
    }
}
