package io.spool.broker.api.fetch;

import io.spool.broker.api.Errors;
import io.spool.log.epoch.EpochEntry;
import io.spool.replication.partition.Partition;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a fetch request asks for, resolved against the led partitions once: the topics in request
 * order (named or by id, as the response must echo them), each partition either found or failed
 * with an error, with the response's byte limit and isolation. A follower's fetch
 * ({@code replicaId} >= 0) reads up to the log end; a consumer's up to the high watermark.
 */
record FetchPlan(List<Topic> topics, int maxBytes, boolean readCommitted, boolean topicIds, int replicaId) {

    record Topic(String name, UUID id, List<Wanted> partitions) {
    }

    /**
     * One partition to read: {@code partition} is null when {@code error} says why it cannot be
     * (with the leader known here for NOT_LEADER_OR_FOLLOWER); {@code diverging} is the leader's
     * epoch and end offset where a follower's history differs, answered instead of records.
     */
    record Wanted(int index, Partition partition, Errors error, int leaderId, int leaderEpoch, long fetchOffset, int maxBytes,
                  EpochEntry diverging) {
    }

    boolean fromFollower() {
        return replicaId >= 0;
    }

    /** The offset reads stop before: the log end for followers, the high watermark for consumers. */
    long readLimit(long logEndOffset, long highWatermark) {
        return fromFollower() ? logEndOffset : highWatermark;
    }

    /**
     * Whether a read could now return something it could not before: a partition has records past
     * the fetch offset below its read limit, or it was deleted or lost leadership. Cheap, to spare
     * full reads on appends that cannot matter.
     */
    boolean mayHaveNews() {
        for (Topic topic : topics) {
            for (Wanted w : topic.partitions()) {
                Partition p = w.partition();
                if (p != null && (p.deleted() || !p.isLeader() || readLimit(p.log().logEndOffset(), p.highWatermark()) > w.fetchOffset())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The distinct led partitions the fetch reads, to watch for appends and high watermark moves. */
    List<Partition> hostedPartitions() {
        return topics.stream().flatMap(t -> t.partitions().stream()).map(Wanted::partition)
                .filter(Objects::nonNull).distinct().toList();
    }
}
