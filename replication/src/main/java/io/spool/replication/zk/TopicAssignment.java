package io.spool.replication.zk;

import java.util.List;
import java.util.UUID;

/** The content of {@code /brokers/topics/<topic>}: the topic id and each partition's replicas, preferred leader first. */
public record TopicAssignment(UUID topicId, List<List<Integer>> replicas) {
    public TopicAssignment {
        replicas = replicas.stream().map(List::copyOf).toList();
    }
}
