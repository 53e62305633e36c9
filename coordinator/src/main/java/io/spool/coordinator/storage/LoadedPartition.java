package io.spool.coordinator.storage;

import io.spool.coordinator.records.GroupMetadataValue;
import io.spool.coordinator.records.OffsetCommitValue;
import io.spool.log.TopicPartition;

import java.util.HashMap;
import java.util.Map;

/**
 * What replaying a partition of {@code __consumer_offsets} leaves: the latest metadata of each
 * group and its latest committed offsets, tombstoned ones removed.
 */
public final class LoadedPartition {
    private final Map<String, GroupMetadataValue> groups = new HashMap<>();
    private final Map<String, Map<TopicPartition, OffsetCommitValue>> offsets = new HashMap<>();

    /** Applies one record, in log order. */
    void apply(CoordinatorRecord record) {
        if (record instanceof CoordinatorRecord.OffsetCommit c) {
            TopicPartition tp = new TopicPartition(c.topic(), c.partition());
            if (c.value() == null) {
                Map<TopicPartition, OffsetCommitValue> ofGroup = offsets.get(c.groupId());
                if (ofGroup != null && ofGroup.remove(tp) != null && ofGroup.isEmpty()) {
                    offsets.remove(c.groupId());
                }
            } else {
                offsets.computeIfAbsent(c.groupId(), g -> new HashMap<>()).put(tp, c.value());
            }
        } else {
            CoordinatorRecord.GroupMetadata g = (CoordinatorRecord.GroupMetadata) record;
            if (g.value() == null) {
                groups.remove(g.groupId());
            } else {
                groups.put(g.groupId(), g.value());
            }
        }
    }

    /** Each group's latest metadata record. */
    public Map<String, GroupMetadataValue> groups() {
        return groups;
    }

    /** Each group's committed offsets. */
    public Map<String, Map<TopicPartition, OffsetCommitValue>> offsets() {
        return offsets;
    }
}
