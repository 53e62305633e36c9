package io.spool.coordinator.offsets;

import io.spool.coordinator.records.OffsetCommitValue;
import io.spool.log.TopicPartition;

import java.util.HashMap;
import java.util.Map;

/** The committed offsets of the groups of one partition of {@code __consumer_offsets}. Event loop only. */
public final class OffsetStore {
    private final Map<String, Map<TopicPartition, CommittedOffset>> byGroup = new HashMap<>();

    /** The group's offsets by partition; empty if it has none. The map is live: copy before changing the store. */
    public Map<TopicPartition, CommittedOffset> offsetsOf(String groupId) {
        return byGroup.getOrDefault(groupId, Map.of());
    }

    public boolean hasOffsets(String groupId) {
        return byGroup.containsKey(groupId);
    }

    public CommittedOffset get(String groupId, TopicPartition tp) {
        return offsetsOf(groupId).get(tp);
    }

    void put(String groupId, TopicPartition tp, CommittedOffset offset) {
        byGroup.computeIfAbsent(groupId, g -> new HashMap<>()).put(tp, offset);
    }

    public void remove(String groupId, TopicPartition tp) {
        Map<TopicPartition, CommittedOffset> offsets = byGroup.get(groupId);
        if (offsets != null && offsets.remove(tp) != null && offsets.isEmpty()) {
            byGroup.remove(groupId);
        }
    }

    public void removeGroup(String groupId) {
        byGroup.remove(groupId);
    }

    /** Adds the offsets a partition load found for a group. */
    public void restore(String groupId, Map<TopicPartition, OffsetCommitValue> offsets) {
        offsets.forEach((tp, value) -> put(groupId, tp, CommittedOffset.fromRecord(value)));
    }
}
