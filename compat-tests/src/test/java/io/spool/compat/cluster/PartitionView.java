package io.spool.compat.cluster;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/** A partition's leader, replicas and ISR by node id, as a stock AdminClient described it. */
public record PartitionView(int leader, List<Integer> replicas, Set<Integer> isr) {
    /** No leader. */
    public static final int NONE = -1;

    static PartitionView of(TopicPartitionInfo info) {
        Node leader = info.leader();
        return new PartitionView(leader == null || leader.isEmpty() ? NONE : leader.id(),
                info.replicas().stream().map(Node::id).toList(),
                info.isr().stream().map(Node::id).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean hasLeader() {
        return leader != NONE;
    }

    /** Every replica is in sync and one of them leads. */
    public boolean fullyInSync() {
        return hasLeader() && isr.containsAll(replicas);
    }

    /** The replicas that do not lead. */
    public List<Integer> followers() {
        return replicas.stream().filter(id -> id != leader).toList();
    }
}
