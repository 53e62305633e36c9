package io.spool.coordinator;

import io.spool.wire.message.OffsetFetchRequest;
import io.spool.wire.message.OffsetFetchResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * OffsetFetch's two shapes: before v8 one group with its topics at the top level (and before v2
 * no top-level error code, so a group's error goes on each partition); from v8 a list of groups.
 * The coordinator works in the v8 shape and converts at the edges.
 */
final class OffsetFetchVersions {
    static final short BATCHED_VERSION = 8;
    static final short TOPIC_ID_VERSION = 10;
    private static final short TOP_LEVEL_ERROR_VERSION = 2;

    private OffsetFetchVersions() {
    }

    /** The groups the request asks about, in the v8 shape; a null topic list means all offsets. */
    static List<OffsetFetchRequest.OffsetFetchRequestGroup> groups(OffsetFetchRequest request, short version) {
        if (version >= BATCHED_VERSION) {
            return request.groups();
        }
        List<OffsetFetchRequest.OffsetFetchRequestTopics> topics = null;
        if (request.topics() != null) {
            topics = new ArrayList<>(request.topics().size());
            for (OffsetFetchRequest.OffsetFetchRequestTopic t : request.topics()) {
                topics.add(new OffsetFetchRequest.OffsetFetchRequestTopics().setName(t.name())
                        .setPartitionIndexes(t.partitionIndexes()));
            }
        }
        return List.of(new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId(request.groupId()).setTopics(topics));
    }

    /** The answer for one group whose fetch failed as a whole. */
    static OffsetFetchResponse.OffsetFetchResponseGroup failed(OffsetFetchRequest.OffsetFetchRequestGroup group,
                                                               CoordinatorError error) {
        return new OffsetFetchResponse.OffsetFetchResponseGroup().setGroupId(group.groupId()).setErrorCode(error.code());
    }

    static OffsetFetchResponse response(List<OffsetFetchRequest.OffsetFetchRequestGroup> requested,
                                        List<OffsetFetchResponse.OffsetFetchResponseGroup> results, short version) {
        if (version >= BATCHED_VERSION) {
            return new OffsetFetchResponse().setGroups(results);
        }
        OffsetFetchResponse.OffsetFetchResponseGroup result = results.get(0);
        OffsetFetchResponse response = new OffsetFetchResponse().setErrorCode(result.errorCode());
        if (result.errorCode() != CoordinatorError.NONE.code() && version < TOP_LEVEL_ERROR_VERSION) {
            // No top-level error code yet: every requested partition carries the group's error.
            for (OffsetFetchRequest.OffsetFetchRequestTopics t : requested.get(0).topics()) {
                OffsetFetchResponse.OffsetFetchResponseTopic topic = new OffsetFetchResponse.OffsetFetchResponseTopic().setName(t.name());
                for (int partition : t.partitionIndexes()) {
                    topic.partitions().add(new OffsetFetchResponse.OffsetFetchResponsePartition().setPartitionIndex(partition)
                            .setCommittedOffset(-1L).setMetadata("").setErrorCode(result.errorCode()));
                }
                response.topics().add(topic);
            }
            return response;
        }
        for (OffsetFetchResponse.OffsetFetchResponseTopics t : result.topics()) {
            OffsetFetchResponse.OffsetFetchResponseTopic topic = new OffsetFetchResponse.OffsetFetchResponseTopic().setName(t.name());
            for (OffsetFetchResponse.OffsetFetchResponsePartitions p : t.partitions()) {
                topic.partitions().add(new OffsetFetchResponse.OffsetFetchResponsePartition()
                        .setPartitionIndex(p.partitionIndex()).setCommittedOffset(p.committedOffset())
                        .setCommittedLeaderEpoch(p.committedLeaderEpoch()).setMetadata(p.metadata())
                        .setErrorCode(p.errorCode()));
            }
            response.topics().add(topic);
        }
        return response;
    }
}
