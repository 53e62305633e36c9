package io.spool.coordinator;

import java.util.Optional;
import java.util.UUID;

/** The broker's topic metadata, as far as offset commits and fetches need it. Called on the coordinator's event loop: must not block. */
public interface TopicLookup {
    /** Whether the topic exists with at least {@code partition + 1} partitions. */
    boolean partitionExists(String topic, int partition);

    /** The name of the topic with this id. */
    Optional<String> topicName(UUID topicId);

    /** The id of the topic with this name. */
    Optional<UUID> topicId(String topic);
}
