package io.spool.coordinator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Topic metadata for tests: topics with their partition counts and ids. */
final class KnownTopics implements TopicLookup {
    private final Map<String, Integer> partitions = new HashMap<>();
    private final Map<String, UUID> ids = new HashMap<>();

    KnownTopics add(String topic, int partitionCount) {
        partitions.put(topic, partitionCount);
        ids.put(topic, UUID.nameUUIDFromBytes(topic.getBytes()));
        return this;
    }

    void remove(String topic) {
        partitions.remove(topic);
        ids.remove(topic);
    }

    @Override
    public boolean partitionExists(String topic, int partition) {
        Integer count = partitions.get(topic);
        return count != null && partition >= 0 && partition < count;
    }

    @Override
    public Optional<String> topicName(UUID topicId) {
        return ids.entrySet().stream().filter(e -> e.getValue().equals(topicId)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public Optional<UUID> topicId(String topic) {
        return Optional.ofNullable(ids.get(topic));
    }
}
