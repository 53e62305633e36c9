package io.spool.replication.controller;

/** A replication factor below 1 or above the number of live brokers (Kafka's INVALID_REPLICATION_FACTOR). */
public final class InvalidReplicationFactorException extends RuntimeException {
    public InvalidReplicationFactorException(String message) {
        super(message);
    }
}
