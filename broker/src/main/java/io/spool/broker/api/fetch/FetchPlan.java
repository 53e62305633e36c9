package io.spool.broker.api.fetch;

import io.spool.broker.api.Errors;
import io.spool.broker.partition.Partition;

import java.util.List;
import java.util.UUID;

/**
 * What a fetch request asks for, resolved against the hosted partitions once: the topics in
 * request order (named or by id, as the response must echo them), each partition either found or
 * failed with an error, with the response's byte limit and isolation.
 */
record FetchPlan(List<Topic> topics, int maxBytes, boolean readCommitted, boolean topicIds) {

    record Topic(String name, UUID id, List<Wanted> partitions) {
    }

    /** One partition to read: {@code partition} is null when {@code error} says why it cannot be. */
    record Wanted(int index, Partition partition, Errors error, long fetchOffset, int maxBytes, int currentLeaderEpoch) {
    }

    /** The distinct hosted partitions the fetch reads, to watch for appends. */
    List<Partition> hostedPartitions() {
        return topics.stream().flatMap(t -> t.partitions().stream()).map(Wanted::partition)
                .filter(p -> p != null).distinct().toList();
    }
}
