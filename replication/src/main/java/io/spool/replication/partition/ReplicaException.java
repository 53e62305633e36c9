package io.spool.replication.partition;

/** A replica operation refused with a Kafka error (not the leader, too few in-sync replicas, ...). */
public final class ReplicaException extends RuntimeException {
    private final ReplicaError error;

    public ReplicaException(ReplicaError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ReplicaError error() {
        return error;
    }
}
