package io.spool.coordinator.offsets;

import io.spool.coordinator.group.ClassicGroup;
import io.spool.coordinator.group.GroupState;
import io.spool.coordinator.group.Groups;
import io.spool.coordinator.storage.CoordinatorRecord;
import io.spool.log.TopicPartition;
import io.spool.log.time.Time;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Housekeeping of one partition, every {@code offsets.retention.check.interval.ms}: offsets past
 * their retention are tombstoned, and Empty groups left without offsets are deleted. Offsets of
 * deleted topics go the same way.
 */
public final class OffsetRetention {
    private static final System.Logger LOG = System.getLogger(OffsetRetention.class.getName());

    private final Groups groups;
    private final OffsetStore offsets;
    private final GroupDeletion deletion;
    private final long retentionMs;
    private final Time time;

    public OffsetRetention(Groups groups, OffsetStore offsets, GroupDeletion deletion, long retentionMs, Time time) {
        this.groups = groups;
        this.offsets = offsets;
        this.deletion = deletion;
        this.retentionMs = retentionMs;
        this.time = time;
    }

    /** Expires offsets and deletes groups left empty; the tombstones go out as one batch. */
    public void expire() {
        long now = time.milliseconds();
        List<CoordinatorRecord> tombstones = new ArrayList<>();
        int expiredOffsets = 0;
        for (ClassicGroup group : List.copyOf(groups.all())) {
            String groupId = group.groupId();
            List<TopicPartition> expired = OffsetExpiry.expired(group, offsets.offsetsOf(groupId), now, retentionMs);
            for (TopicPartition tp : expired) {
                offsets.remove(groupId, tp);
                tombstones.add(new CoordinatorRecord.OffsetCommit(groupId, tp.topic(), tp.partition(), null));
            }
            expiredOffsets += expired.size();
            if (group.is(GroupState.EMPTY) && !group.hasPendingMembers() && !offsets.hasOffsets(groupId)) {
                tombstones.addAll(deletion.removeWithOffsets(group));
            }
        }
        if (!tombstones.isEmpty()) {
            LOG.log(Level.INFO, "Expired {0} offsets and {1} empty groups", expiredOffsets,
                    tombstones.size() - expiredOffsets);
            write(tombstones, "expired offsets and groups");
        }
    }

    /** Drops every group's offsets of topics that were deleted. */
    public void forgetTopics(Collection<String> topics) {
        List<CoordinatorRecord> tombstones = new ArrayList<>();
        for (ClassicGroup group : groups.all()) {
            String groupId = group.groupId();
            for (TopicPartition tp : List.copyOf(offsets.offsetsOf(groupId).keySet())) {
                if (topics.contains(tp.topic())) {
                    offsets.remove(groupId, tp);
                    tombstones.add(new CoordinatorRecord.OffsetCommit(groupId, tp.topic(), tp.partition(), null));
                }
            }
        }
        write(tombstones, "offsets of deleted topics");
    }

    private void write(List<CoordinatorRecord> tombstones, String what) {
        groups.writer().write(tombstones).whenComplete((ok, failure) -> {
            if (failure != null) {
                // The state here already forgot them; after a reload they return and expire again.
                LOG.log(Level.WARNING, "Could not write the tombstones of " + what + ": " + failure);
            }
        });
    }
}
