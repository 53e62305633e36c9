package io.spool.log.errors;

/** A log operation refused or failed, with the Kafka error to answer and a message for the client. */
public class LogException extends RuntimeException {
    private final LogError error;

    public LogException(LogError error, String message) {
        super(message);
        this.error = error;
    }

    public LogException(LogError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public LogError error() {
        return error;
    }
}
