package io.spool.coordinator;

import io.spool.coordinator.group.ClassicGroup;
import io.spool.coordinator.group.Groups;
import io.spool.coordinator.group.HeartbeatFlow;
import io.spool.coordinator.group.JoinGroupFlow;
import io.spool.coordinator.group.LeaveGroupFlow;
import io.spool.coordinator.group.Rebalancer;
import io.spool.coordinator.group.SyncGroupFlow;
import io.spool.coordinator.offsets.GroupDeletion;
import io.spool.coordinator.offsets.OffsetCommitFlow;
import io.spool.coordinator.offsets.OffsetDeleteFlow;
import io.spool.coordinator.offsets.OffsetFetchFlow;
import io.spool.coordinator.offsets.OffsetRetention;
import io.spool.coordinator.offsets.OffsetStore;
import io.spool.coordinator.runtime.DeadlineTimer;
import io.spool.coordinator.storage.LoadedPartition;
import io.spool.coordinator.storage.RecordWriter;
import io.spool.log.time.Time;

/**
 * Everything the coordinator keeps for one loaded partition of {@code __consumer_offsets}: its
 * groups and offsets, its timers, and the flows that serve requests for its groups.
 */
final class GroupShard {
    private static final String RETENTION_TIMER = "offset-retention";

    final int partition;
    final DeadlineTimer timer = new DeadlineTimer();
    final Groups groups;
    final OffsetStore offsets = new OffsetStore();
    final Rebalancer rebalancer;
    final JoinGroupFlow joins;
    final SyncGroupFlow syncs;
    final HeartbeatFlow heartbeats;
    final LeaveGroupFlow leaves;
    final OffsetCommitFlow commits;
    final OffsetFetchFlow fetches;
    final OffsetDeleteFlow offsetDeletes;
    final GroupDeletion deletions;
    final OffsetRetention retention;
    private final Time time;
    private final long retentionCheckIntervalMs;

    GroupShard(int partition, GroupCoordinatorConfig config, RecordWriter writer, TopicLookup topics, Time time) {
        this.partition = partition;
        this.time = time;
        this.retentionCheckIntervalMs = config.offsetsRetentionCheckIntervalMs();
        this.groups = new Groups(time, config, timer, writer);
        this.rebalancer = new Rebalancer(groups);
        this.joins = new JoinGroupFlow(groups, rebalancer);
        this.syncs = new SyncGroupFlow(groups, rebalancer);
        this.heartbeats = new HeartbeatFlow(groups, rebalancer);
        this.leaves = new LeaveGroupFlow(groups, rebalancer);
        this.commits = new OffsetCommitFlow(groups, offsets, topics, config, time);
        this.fetches = new OffsetFetchFlow(offsets, topics);
        this.offsetDeletes = new OffsetDeleteFlow(groups, offsets, topics);
        this.deletions = new GroupDeletion(groups, offsets);
        this.retention = new OffsetRetention(groups, offsets, deletions, config.offsetsRetentionMs(), time);
    }

    /**
     * Takes over what the partition's log holds: groups from their metadata, offsets (a group with
     * offsets but no metadata is a simple group), then starts the members' sessions and the
     * retention checks.
     */
    void restore(LoadedPartition loaded) {
        loaded.groups().forEach(groups::restore);
        loaded.offsets().forEach((groupId, groupOffsets) -> {
            offsets.restore(groupId, groupOffsets);
            groups.getOrCreate(groupId);
        });
        for (ClassicGroup group : groups.all()) {
            rebalancer.onLoaded(group);
        }
        scheduleRetention();
    }

    private void scheduleRetention() {
        timer.schedule(RETENTION_TIMER, time.milliseconds() + retentionCheckIntervalMs, () -> {
            retention.expire();
            scheduleRetention();
        });
    }

    /** This node stops coordinating the partition's groups. */
    void unload() {
        for (ClassicGroup group : groups.all()) {
            rebalancer.onUnloaded(group);
        }
        timer.clear();
    }
}
