package io.spool.log.errors;

/**
 * The Kafka protocol errors a log operation can end in, with their wire codes. As in current Kafka,
 * a retried batch is not an error (the append answers with the original offsets) and a producer the
 * partition does not know may start at any sequence, so DUPLICATE_SEQUENCE_NUMBER and
 * UNKNOWN_PRODUCER_ID never arise here.
 */
public enum LogError {
    OFFSET_OUT_OF_RANGE(1),
    CORRUPT_MESSAGE(2),
    MESSAGE_TOO_LARGE(10),
    RECORD_LIST_TOO_LARGE(18),
    INVALID_TIMESTAMP(32),
    KAFKA_STORAGE_ERROR(56),
    OUT_OF_ORDER_SEQUENCE_NUMBER(45),
    INVALID_PRODUCER_EPOCH(47),
    INVALID_RECORD(87);

    private final short code;

    LogError(int code) {
        this.code = (short) code;
    }

    /** The error code as Kafka's protocol carries it. */
    public short code() {
        return code;
    }
}
