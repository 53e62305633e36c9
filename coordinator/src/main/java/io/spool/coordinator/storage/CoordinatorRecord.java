package io.spool.coordinator.storage;

import io.spool.coordinator.records.GroupMetadataValue;
import io.spool.coordinator.records.OffsetCommitValue;

/** One record of {@code __consumer_offsets} that the classic group coordinator reads and writes; a null value is a tombstone. */
public sealed interface CoordinatorRecord {
    String groupId();

    /** A group's committed offset for one partition. */
    record OffsetCommit(String groupId, String topic, int partition, OffsetCommitValue value) implements CoordinatorRecord {
    }

    /** A group's metadata: generation, protocol, leader and members with their assignments. */
    record GroupMetadata(String groupId, GroupMetadataValue value) implements CoordinatorRecord {
    }
}
