package io.spool.coordinator.offsets;

import io.spool.coordinator.CoordinatorError;
import io.spool.coordinator.group.ClassicGroup;
import io.spool.coordinator.group.GroupState;
import io.spool.coordinator.group.Groups;
import io.spool.coordinator.storage.AppendErrors;
import io.spool.coordinator.storage.CoordinatorRecord;
import io.spool.log.TopicPartition;
import io.spool.wire.message.DeleteGroupsResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteGroups for the groups of one partition: only Empty groups go (NON_EMPTY_GROUP otherwise),
 * with all their offsets; the tombstones of all of them are appended as one batch. A deleted
 * group is gone at once, so nothing can join it while its tombstones are written.
 */
public final class GroupDeletion {
    private final Groups groups;
    private final OffsetStore offsets;

    public GroupDeletion(Groups groups, OffsetStore offsets) {
        this.groups = groups;
        this.offsets = offsets;
    }

    public CompletableFuture<List<DeleteGroupsResponse.DeletableGroupResult>> delete(List<String> groupIds) {
        List<DeleteGroupsResponse.DeletableGroupResult> results = new ArrayList<>(groupIds.size());
        List<DeleteGroupsResponse.DeletableGroupResult> deleted = new ArrayList<>();
        List<CoordinatorRecord> tombstones = new ArrayList<>();
        for (String groupId : groupIds) {
            DeleteGroupsResponse.DeletableGroupResult result = new DeleteGroupsResponse.DeletableGroupResult().setGroupId(groupId);
            results.add(result);
            ClassicGroup group = groups.get(groupId);
            if (group == null) {
                result.setErrorCode(CoordinatorError.GROUP_ID_NOT_FOUND.code());
            } else if (!group.is(GroupState.EMPTY)) {
                result.setErrorCode(CoordinatorError.NON_EMPTY_GROUP.code());
            } else {
                tombstones.addAll(removeWithOffsets(group));
                deleted.add(result);
            }
        }
        return groups.writer().write(tombstones).handle((ok, failure) -> {
            if (failure != null) {
                short code = AppendErrors.forGroupMetadata(failure).code();
                deleted.forEach(r -> r.setErrorCode(code));
            }
            return results;
        });
    }

    /** Forgets the group and its offsets; returns the tombstones that make it so in the log. */
    List<CoordinatorRecord> removeWithOffsets(ClassicGroup group) {
        String groupId = group.groupId();
        List<CoordinatorRecord> tombstones = new ArrayList<>();
        for (TopicPartition tp : offsets.offsetsOf(groupId).keySet()) {
            tombstones.add(new CoordinatorRecord.OffsetCommit(groupId, tp.topic(), tp.partition(), null));
        }
        tombstones.add(new CoordinatorRecord.GroupMetadata(groupId, null));
        offsets.removeGroup(groupId);
        groups.remove(group);
        return tombstones;
    }
}
