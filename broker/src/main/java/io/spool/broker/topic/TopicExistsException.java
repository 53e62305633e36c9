package io.spool.broker.topic;

/** A topic with this name (or a name colliding with it on '.' versus '_') is already registered. */
public final class TopicExistsException extends Exception {
    public TopicExistsException(String message) {
        super(message);
    }
}
