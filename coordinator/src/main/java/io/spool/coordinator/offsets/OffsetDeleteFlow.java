package io.spool.coordinator.offsets;

import io.spool.coordinator.CoordinatorError;
import io.spool.coordinator.TopicLookup;
import io.spool.coordinator.group.ClassicGroup;
import io.spool.coordinator.group.GroupState;
import io.spool.coordinator.group.Groups;
import io.spool.coordinator.storage.AppendErrors;
import io.spool.coordinator.storage.CoordinatorRecord;
import io.spool.log.TopicPartition;
import io.spool.wire.message.OffsetDeleteRequest;
import io.spool.wire.message.OffsetDeleteResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetDelete: an Empty group's offsets may all go; a consumer group with members keeps those of
 * topics it subscribes to (GROUP_SUBSCRIBED_TO_TOPIC); any other group with members refuses
 * (NON_EMPTY_GROUP). Deleted offsets are tombstoned in {@code __consumer_offsets}.
 */
public final class OffsetDeleteFlow {
    private final Groups groups;
    private final OffsetStore offsets;
    private final TopicLookup topics;

    public OffsetDeleteFlow(Groups groups, OffsetStore offsets, TopicLookup topics) {
        this.groups = groups;
        this.offsets = offsets;
        this.topics = topics;
    }

    public CompletableFuture<OffsetDeleteResponse> delete(OffsetDeleteRequest request) {
        String groupId = request.groupId();
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return failed(CoordinatorError.GROUP_ID_NOT_FOUND);
        }
        boolean empty = group.is(GroupState.EMPTY);
        if (!empty && !group.isConsumerGroup()) {
            return failed(CoordinatorError.NON_EMPTY_GROUP);
        }
        OffsetDeleteResponse response = new OffsetDeleteResponse();
        List<TopicPartition> deleted = new ArrayList<>();
        List<CoordinatorRecord> tombstones = new ArrayList<>();
        for (OffsetDeleteRequest.OffsetDeleteRequestTopic topic : request.topics()) {
            OffsetDeleteResponse.OffsetDeleteResponseTopic responseTopic =
                    new OffsetDeleteResponse.OffsetDeleteResponseTopic().setName(topic.name());
            response.topics().add(responseTopic);
            for (OffsetDeleteRequest.OffsetDeleteRequestPartition p : topic.partitions()) {
                CoordinatorError error;
                if (!topics.partitionExists(topic.name(), p.partitionIndex())) {
                    error = CoordinatorError.UNKNOWN_TOPIC_OR_PARTITION;
                } else if (!empty && group.isSubscribedTo(topic.name())) {
                    error = CoordinatorError.GROUP_SUBSCRIBED_TO_TOPIC;
                } else {
                    error = CoordinatorError.NONE;
                    TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                    if (offsets.get(groupId, tp) != null) {
                        deleted.add(tp);
                        tombstones.add(new CoordinatorRecord.OffsetCommit(groupId, tp.topic(), tp.partition(), null));
                    }
                }
                responseTopic.partitions().add(new OffsetDeleteResponse.OffsetDeleteResponsePartition()
                        .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code()));
            }
        }
        return groups.writer().write(tombstones).handle((ok, failure) -> {
            if (failure != null) {
                return new OffsetDeleteResponse().setErrorCode(AppendErrors.forOffsetCommit(failure).code());
            }
            deleted.forEach(tp -> offsets.remove(groupId, tp));
            return response;
        });
    }

    private static CompletableFuture<OffsetDeleteResponse> failed(CoordinatorError error) {
        return CompletableFuture.completedFuture(new OffsetDeleteResponse().setErrorCode(error.code()));
    }
}
