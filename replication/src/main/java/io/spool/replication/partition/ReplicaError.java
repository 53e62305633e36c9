package io.spool.replication.partition;

/** The outcomes of replica operations, with the Kafka error codes the broker answers for them. */
public enum ReplicaError {
    NONE(0),
    REQUEST_TIMED_OUT(7),
    NOT_LEADER_OR_FOLLOWER(6),
    NOT_ENOUGH_REPLICAS(19),
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20),
    FENCED_LEADER_EPOCH(74),
    UNKNOWN_LEADER_EPOCH(75);

    private final short code;

    ReplicaError(int code) {
        this.code = (short) code;
    }

    public short code() {
        return code;
    }
}
