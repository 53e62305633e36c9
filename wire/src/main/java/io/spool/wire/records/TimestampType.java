package io.spool.wire.records;

/** Which clock a batch's timestamps come from, as bit 3 of the batch attributes says. */
public enum TimestampType {
    /** Set by the producer, per record. */
    CREATE_TIME,
    /** Set by the broker on append; every record of the batch reads the batch's max timestamp. */
    LOG_APPEND_TIME
}
