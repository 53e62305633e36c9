package io.spool.broker.api;

/** The Kafka protocol error codes the broker answers with (codes are the protocol's). */
public enum Errors {
    UNKNOWN_SERVER_ERROR(-1),
    NONE(0),
    OFFSET_OUT_OF_RANGE(1),
    CORRUPT_MESSAGE(2),
    UNKNOWN_TOPIC_OR_PARTITION(3),
    LEADER_NOT_AVAILABLE(5),
    NOT_LEADER_OR_FOLLOWER(6),
    REQUEST_TIMED_OUT(7),
    MESSAGE_TOO_LARGE(10),
    COORDINATOR_NOT_AVAILABLE(15),
    INVALID_TOPIC_EXCEPTION(17),
    RECORD_LIST_TOO_LARGE(18),
    NOT_ENOUGH_REPLICAS(19),
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20),
    INVALID_REQUIRED_ACKS(21),
    INCONSISTENT_GROUP_PROTOCOL(23),
    INVALID_TIMESTAMP(32),
    UNSUPPORTED_VERSION(35),
    TOPIC_ALREADY_EXISTS(36),
    INVALID_PARTITIONS(37),
    INVALID_REPLICATION_FACTOR(38),
    INVALID_REPLICA_ASSIGNMENT(39),
    INVALID_CONFIG(40),
    INVALID_REQUEST(42),
    OUT_OF_ORDER_SEQUENCE_NUMBER(45),
    DUPLICATE_SEQUENCE_NUMBER(46),
    INVALID_PRODUCER_EPOCH(47),
    INVALID_TRANSACTION_TIMEOUT(50),
    KAFKA_STORAGE_ERROR(56),
    UNKNOWN_PRODUCER_ID(59),
    FETCH_SESSION_ID_NOT_FOUND(70),
    INVALID_FETCH_SESSION_EPOCH(71),
    TOPIC_DELETION_DISABLED(73),
    FENCED_LEADER_EPOCH(74),
    UNKNOWN_LEADER_EPOCH(75),
    UNSUPPORTED_COMPRESSION_TYPE(76),
    INVALID_RECORD(87),
    UNKNOWN_TOPIC_ID(100),
    MISMATCHED_ENDPOINT_TYPE(114),
    REBOOTSTRAP_REQUIRED(129);

    private final short code;

    Errors(int code) {
        this.code = (short) code;
    }

    public short code() {
        return code;
    }

    /** The error with this code; UNKNOWN_SERVER_ERROR for codes not listed here. */
    public static Errors forCode(short code) {
        for (Errors e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return UNKNOWN_SERVER_ERROR;
    }
}
