package io.spool.coordinator.offsets;

import io.spool.coordinator.group.ClassicGroup;
import io.spool.coordinator.group.GroupState;
import io.spool.log.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which of a group's offsets have outlived {@code offsets.retention.minutes} (KIP-211). An offset
 * with its own expiry time (committed by an old client with a retention time) expires then. Else
 * the clock starts: for an Empty group, when it became empty (its last commit if that is unknown);
 * for a simple group without a protocol, at each commit; for a stable consumer group, at each
 * commit, and only for topics no member subscribes to. Groups in other states keep their offsets.
 */
final class OffsetExpiry {
    private OffsetExpiry() {
    }

    static List<TopicPartition> expired(ClassicGroup group, Map<TopicPartition, CommittedOffset> offsets, long nowMs,
                                        long retentionMs) {
        List<TopicPartition> expired = new ArrayList<>();
        boolean emptyGroup = group.protocolType() != null && group.is(GroupState.EMPTY);
        boolean simpleGroup = group.protocolType() == null;
        boolean stableConsumers = group.isConsumerGroup() && group.is(GroupState.STABLE);
        if (!emptyGroup && !simpleGroup && !stableConsumers) {
            return expired;
        }
        offsets.forEach((tp, offset) -> {
            if (stableConsumers && group.isSubscribedTo(tp.topic())) {
                return;
            }
            boolean isExpired;
            if (offset.expireTimestampMs() != CommittedOffset.NO_EXPIRY) {
                isExpired = nowMs >= offset.expireTimestampMs();
            } else {
                long since = emptyGroup && group.stateTimestampMs() >= 0 ? group.stateTimestampMs() : offset.commitTimestampMs();
                isExpired = nowMs - since >= retentionMs;
            }
            if (isExpired) {
                expired.add(tp);
            }
        });
        return expired;
    }
}
