package io.spool.coordinator.offsets;

import io.spool.coordinator.CoordinatorError;
import io.spool.coordinator.TopicLookup;
import io.spool.log.TopicPartition;
import io.spool.wire.message.OffsetFetchRequest;
import io.spool.wire.message.OffsetFetchResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * OffsetFetch for one group, in the shape of v8+ (the caller shapes older versions): the requested
 * partitions, or all the group's offsets when no topics are named. A partition without an offset
 * (or a group that does not exist) answers offset -1.
 *
 * <p>Offsets committed in transactions do not exist here yet, so no offset is ever unstable and
 * the require-stable flag changes nothing.
 */
public final class OffsetFetchFlow {
    private static final long NO_OFFSET = -1L;
    private static final int NO_EPOCH = -1;
    private static final String NO_METADATA = "";

    private final OffsetStore offsets;
    private final TopicLookup topics;

    public OffsetFetchFlow(OffsetStore offsets, TopicLookup topics) {
        this.offsets = offsets;
        this.topics = topics;
    }

    /**
     * @param requested the topics and partitions asked for, or null for all
     * @param byTopicId whether topics are named by id (v10+) rather than by name
     */
    public OffsetFetchResponse.OffsetFetchResponseGroup fetch(String groupId,
                                                              List<OffsetFetchRequest.OffsetFetchRequestTopics> requested,
                                                              boolean byTopicId) {
        Map<TopicPartition, CommittedOffset> stored = offsets.offsetsOf(groupId);
        OffsetFetchResponse.OffsetFetchResponseGroup out = new OffsetFetchResponse.OffsetFetchResponseGroup().setGroupId(groupId);
        if (requested == null) {
            all(stored, byTopicId, out);
            return out;
        }
        for (OffsetFetchRequest.OffsetFetchRequestTopics topic : requested) {
            String name = byTopicId ? topics.topicName(topic.topicId()).orElse(null) : topic.name();
            OffsetFetchResponse.OffsetFetchResponseTopics responseTopic = new OffsetFetchResponse.OffsetFetchResponseTopics()
                    .setName(topic.name()).setTopicId(topic.topicId());
            out.topics().add(responseTopic);
            for (int partition : topic.partitionIndexes()) {
                CommittedOffset offset = name == null || name.isEmpty() || partition < 0
                        ? null : stored.get(new TopicPartition(name, partition));
                OffsetFetchResponse.OffsetFetchResponsePartitions p = partition(partition, offset);
                if (name == null) {
                    p.setErrorCode(CoordinatorError.UNKNOWN_TOPIC_ID.code());
                }
                responseTopic.partitions().add(p);
            }
        }
        return out;
    }

    /** Every stored offset, by topic in name order; by id, topics deleted since are left out. */
    private void all(Map<TopicPartition, CommittedOffset> stored, boolean byTopicId,
                     OffsetFetchResponse.OffsetFetchResponseGroup out) {
        Map<String, OffsetFetchResponse.OffsetFetchResponseTopics> byTopic = new LinkedHashMap<>();
        List<TopicPartition> partitions = new ArrayList<>(stored.keySet());
        partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (TopicPartition tp : partitions) {
            OffsetFetchResponse.OffsetFetchResponseTopics topic = byTopic.get(tp.topic());
            if (topic == null) {
                Optional<UUID> id = byTopicId ? topics.topicId(tp.topic()) : Optional.empty();
                if (byTopicId && id.isEmpty()) {
                    continue;
                }
                topic = new OffsetFetchResponse.OffsetFetchResponseTopics().setName(tp.topic());
                id.ifPresent(topic::setTopicId);
                byTopic.put(tp.topic(), topic);
                out.topics().add(topic);
            }
            topic.partitions().add(partition(tp.partition(), stored.get(tp)));
        }
    }

    private static OffsetFetchResponse.OffsetFetchResponsePartitions partition(int index, CommittedOffset offset) {
        OffsetFetchResponse.OffsetFetchResponsePartitions p = new OffsetFetchResponse.OffsetFetchResponsePartitions()
                .setPartitionIndex(index);
        if (offset == null) {
            return p.setCommittedOffset(NO_OFFSET).setCommittedLeaderEpoch(NO_EPOCH).setMetadata(NO_METADATA);
        }
        return p.setCommittedOffset(offset.offset()).setCommittedLeaderEpoch(offset.leaderEpoch())
                .setMetadata(offset.metadata());
    }
}
