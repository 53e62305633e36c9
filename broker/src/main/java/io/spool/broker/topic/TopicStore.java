package io.spool.broker.topic;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registered topics. Reads are cheap and thread-safe; changes are durable when they return and may
 * block on disk (call them off the event loops).
 */
public interface TopicStore {
    Collection<Topic> topics();

    Optional<Topic> byName(String name);

    Optional<Topic> byId(UUID id);

    /** Registers a new topic with a fresh id; throws when the name (or a colliding one) exists. */
    Topic create(String name, int partitionCount, Map<String, String> configs) throws TopicExistsException, IOException;

    /** Removes the topic; returns it, or empty when there was none. */
    Optional<Topic> delete(String name) throws IOException;
}
