package io.spool.wire.records;

/** Record bytes that do not form valid v2 batches: bad framing, CRC, counts, or compressed payload. */
public final class CorruptRecordException extends RuntimeException {
    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
