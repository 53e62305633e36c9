package io.spool.replication.cluster;

import io.spool.log.TopicPartition;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How a partition leader changes its ISR: a conditional update of the partition state on the
 * version the leader last saw. The future completes with the stored state, or empty when the
 * state had moved on (another leader epoch, a controller election): the leader then waits for the
 * newer state to reach it and retries only if it still leads. Completes off the event loops.
 */
public interface IsrUpdater {
    CompletableFuture<Optional<PartitionState>> updateIsr(TopicPartition topicPartition, PartitionState current, List<Integer> newIsr);
}
