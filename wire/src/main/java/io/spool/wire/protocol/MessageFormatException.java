package io.spool.wire.protocol;

/** Bytes that do not form a valid message of the version being read: a length past the end, a bad count, ... */
public final class MessageFormatException extends RuntimeException {
    public MessageFormatException(String message) {
        super(message);
    }
}
