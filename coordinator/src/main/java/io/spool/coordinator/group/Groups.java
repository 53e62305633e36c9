package io.spool.coordinator.group;

import io.spool.coordinator.GroupCoordinatorConfig;
import io.spool.coordinator.records.GroupMetadataValue;
import io.spool.coordinator.runtime.DeadlineTimer;
import io.spool.coordinator.storage.CoordinatorRecord;
import io.spool.coordinator.storage.RecordWriter;
import io.spool.log.time.Time;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The groups of one partition of {@code __consumer_offsets}, with what their flows share: the
 * clock, the settings, the partition's timers and its record writer. Event loop only.
 */
public final class Groups {
    private final Map<String, ClassicGroup> byId = new HashMap<>();
    private final Time time;
    private final GroupCoordinatorConfig config;
    private final DeadlineTimer timer;
    private final RecordWriter writer;

    public Groups(Time time, GroupCoordinatorConfig config, DeadlineTimer timer, RecordWriter writer) {
        this.time = time;
        this.config = config;
        this.timer = timer;
        this.writer = writer;
    }

    /** The group, or null. */
    public ClassicGroup get(String groupId) {
        return byId.get(groupId);
    }

    /** The group, created Empty (with no protocol type yet) if there is none. */
    public ClassicGroup getOrCreate(String groupId) {
        return byId.computeIfAbsent(groupId, id -> new ClassicGroup(id, now()));
    }

    /** Forgets a group and marks it Dead, so anything still holding it sees it is gone. */
    public void remove(ClassicGroup group) {
        if (byId.remove(group.groupId(), group)) {
            group.transitionTo(GroupState.DEAD, now());
            timer.cancel(TimerKey.join(group.groupId()));
            timer.cancel(TimerKey.sync(group.groupId()));
        }
    }

    public Collection<ClassicGroup> all() {
        return byId.values();
    }

    /** Adds a group rebuilt from its metadata record while the partition loads. */
    public ClassicGroup restore(String groupId, GroupMetadataValue value) {
        ClassicGroup group = ClassicGroup.fromRecord(groupId, value);
        byId.put(groupId, group);
        return group;
    }

    /** Appends the group's metadata record; completes on the event loop once it is committed. */
    CompletableFuture<Void> store(ClassicGroup group, GroupMetadataValue value) {
        return writer.write(List.of(new CoordinatorRecord.GroupMetadata(group.groupId(), value)));
    }

    public RecordWriter writer() {
        return writer;
    }

    long now() {
        return time.milliseconds();
    }

    GroupCoordinatorConfig config() {
        return config;
    }

    DeadlineTimer timer() {
        return timer;
    }
}
