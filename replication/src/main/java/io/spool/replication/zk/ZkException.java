package io.spool.replication.zk;

/** A ZooKeeper operation failed in a way the caller cannot retry its way out of; the message says what. */
public final class ZkException extends RuntimeException {
    public ZkException(String message) {
        super(message);
    }

    public ZkException(String message, Throwable cause) {
        super(message, cause);
    }
}
