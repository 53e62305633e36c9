package io.spool.replication.cluster;

import io.spool.log.TopicPartition;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One partition: its assigned replicas (the first is the preferred leader) and its leadership state,
 * empty until the controller has initialised it.
 */
public record PartitionInfo(TopicPartition topicPartition, UUID topicId, List<Integer> replicas, Optional<PartitionState> state) {
    public PartitionInfo {
        replicas = List.copyOf(replicas);
    }

    /** The current leader, or {@link PartitionState#NO_LEADER}. */
    public int leader() {
        return state.map(PartitionState::leader).orElse(PartitionState.NO_LEADER);
    }
}
