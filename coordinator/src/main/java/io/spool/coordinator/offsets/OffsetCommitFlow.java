package io.spool.coordinator.offsets;

import io.spool.coordinator.CoordinatorError;
import io.spool.coordinator.GroupCoordinatorConfig;
import io.spool.coordinator.RequestInfo;
import io.spool.coordinator.TopicLookup;
import io.spool.coordinator.group.ClassicGroup;
import io.spool.coordinator.group.Groups;
import io.spool.coordinator.storage.AppendErrors;
import io.spool.coordinator.storage.CoordinatorRecord;
import io.spool.log.TopicPartition;
import io.spool.log.time.Time;
import io.spool.wire.message.OffsetCommitRequest;
import io.spool.wire.message.OffsetCommitResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit: per partition the topic must exist (UNKNOWN_TOPIC_OR_PARTITION, or
 * UNKNOWN_TOPIC_ID from v10) and the metadata fit {@code offset.metadata.max.bytes}; the group
 * checks the member and generation. Accepted offsets are appended as one batch and become visible
 * once it is committed. A commit with generation -1 to a group that does not exist creates a
 * simple group that only holds offsets.
 */
public final class OffsetCommitFlow {
    /** From this version on a commit to a missing group by a group member is GROUP_ID_NOT_FOUND. */
    private static final short GROUP_ID_NOT_FOUND_VERSION = 9;
    /** The last version with a retention time; later ones use the broker's retention only. */
    private static final short LAST_RETENTION_TIME_VERSION = 4;
    private static final short TOPIC_ID_VERSION = 10;
    private static final long DEFAULT_RETENTION = -1L;

    private final Groups groups;
    private final OffsetStore offsets;
    private final TopicLookup topics;
    private final GroupCoordinatorConfig config;
    private final Time time;

    public OffsetCommitFlow(Groups groups, OffsetStore offsets, TopicLookup topics, GroupCoordinatorConfig config, Time time) {
        this.groups = groups;
        this.offsets = offsets;
        this.topics = topics;
        this.config = config;
        this.time = time;
    }

    /** One accepted partition on its way to the log. */
    private record Accepted(TopicPartition partition, CommittedOffset offset,
                            OffsetCommitResponse.OffsetCommitResponsePartition response) {
    }

    public CompletableFuture<OffsetCommitResponse> commit(RequestInfo info, OffsetCommitRequest request) {
        short version = info.version();
        String groupId = request.groupId();
        CoordinatorError groupError = validateGroup(request, version);
        long now = time.milliseconds();
        long expireTimestamp = version <= LAST_RETENTION_TIME_VERSION && request.retentionTimeMs() != DEFAULT_RETENTION
                ? now + request.retentionTimeMs() : CommittedOffset.NO_EXPIRY;
        OffsetCommitResponse response = new OffsetCommitResponse();
        List<Accepted> accepted = new ArrayList<>();
        for (OffsetCommitRequest.OffsetCommitRequestTopic topic : request.topics()) {
            String name = version >= TOPIC_ID_VERSION ? topics.topicName(topic.topicId()).orElse(null) : topic.name();
            OffsetCommitResponse.OffsetCommitResponseTopic responseTopic = new OffsetCommitResponse.OffsetCommitResponseTopic()
                    .setName(topic.name()).setTopicId(topic.topicId());
            response.topics().add(responseTopic);
            for (OffsetCommitRequest.OffsetCommitRequestPartition p : topic.partitions()) {
                OffsetCommitResponse.OffsetCommitResponsePartition responsePartition =
                        new OffsetCommitResponse.OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex());
                responseTopic.partitions().add(responsePartition);
                CoordinatorError error;
                if (name == null) {
                    error = CoordinatorError.UNKNOWN_TOPIC_ID;
                } else if (!topics.partitionExists(name, p.partitionIndex())) {
                    error = CoordinatorError.UNKNOWN_TOPIC_OR_PARTITION;
                } else if (groupError != CoordinatorError.NONE) {
                    error = groupError;
                } else if (p.committedMetadata() != null && p.committedMetadata().length() > config.offsetMetadataMaxBytes()) {
                    error = CoordinatorError.OFFSET_METADATA_TOO_LARGE;
                } else {
                    error = CoordinatorError.NONE;
                    String metadata = p.committedMetadata() == null ? "" : p.committedMetadata();
                    accepted.add(new Accepted(new TopicPartition(name, p.partitionIndex()),
                            new CommittedOffset(p.committedOffset(), p.committedLeaderEpoch(), metadata, now, expireTimestamp),
                            responsePartition));
                }
                responsePartition.setErrorCode(error.code());
            }
        }
        if (accepted.isEmpty()) {
            return CompletableFuture.completedFuture(response);
        }
        List<CoordinatorRecord> records = new ArrayList<>(accepted.size());
        for (Accepted a : accepted) {
            records.add(new CoordinatorRecord.OffsetCommit(groupId, a.partition.topic(), a.partition.partition(),
                    a.offset.toRecord()));
        }
        return groups.writer().write(records).handle((ok, failure) -> {
            if (failure == null) {
                groups.getOrCreate(groupId); // a simple group, if the group does not exist
                for (Accepted a : accepted) {
                    offsets.put(groupId, a.partition, a.offset);
                }
            } else {
                short code = AppendErrors.forOffsetCommit(failure).code();
                accepted.forEach(a -> a.response.setErrorCode(code));
            }
            return response;
        });
    }

    private CoordinatorError validateGroup(OffsetCommitRequest request, short version) {
        ClassicGroup group = groups.get(request.groupId());
        int generation = request.generationIdOrMemberEpoch();
        if (group != null) {
            return group.validateOffsetCommit(request.memberId(), request.groupInstanceId(), generation);
        }
        if (generation < 0) {
            return CoordinatorError.NONE;
        }
        return version >= GROUP_ID_NOT_FOUND_VERSION ? CoordinatorError.GROUP_ID_NOT_FOUND : CoordinatorError.ILLEGAL_GENERATION;
    }
}
