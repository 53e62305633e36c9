package io.spool.broker.api;

import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.ReplicaManager;

import java.util.Optional;
import java.util.UUID;

/**
 * Finds the partition a data request (Produce, Fetch, ListOffsets, OffsetForLeaderEpoch) must be
 * served by, or says why this broker cannot: the topic or partition does not exist
 * (UNKNOWN_TOPIC_OR_PARTITION, UNKNOWN_TOPIC_ID), the client's leader epoch is older or newer
 * (FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH; checked first, as Kafka does), or another broker
 * leads it (NOT_LEADER_OR_FOLLOWER, with the leader the clients should go to).
 */
public final class PartitionLookup {
    /** A lookup's outcome: the leading partition when {@code error} is NONE; otherwise the leader as known here (-1 when none). */
    public record Result(Partition partition, Errors error, int leaderId, int leaderEpoch) {
        public boolean ok() {
            return error == Errors.NONE;
        }
    }

    private final ReplicaManager replicas;

    public PartitionLookup(ReplicaManager replicas) {
        this.replicas = replicas;
    }

    public ReplicaManager replicas() {
        return replicas;
    }

    public Result byName(String topic, int index, int currentLeaderEpoch) {
        return resolve(replicas.get(topic, index), replicas.image().topic(topic), index, currentLeaderEpoch, Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }

    public Result byId(UUID topicId, int index, int currentLeaderEpoch) {
        return resolve(replicas.get(topicId, index), replicas.image().topic(topicId), index, currentLeaderEpoch, Errors.UNKNOWN_TOPIC_ID);
    }

    private static Result resolve(Optional<Partition> hosted, Optional<TopicInfo> topic, int index, int currentLeaderEpoch, Errors unknownTopic) {
        if (hosted.isPresent() && !hosted.get().deleted()) {
            Partition p = hosted.get();
            int epoch = p.leaderEpoch();
            Errors fenced = LeaderEpochCheck.check(currentLeaderEpoch, epoch);
            if (fenced != Errors.NONE) {
                return new Result(null, fenced, p.leaderId(), epoch);
            }
            return p.isLeader() ? new Result(p, Errors.NONE, p.leaderId(), epoch)
                    : new Result(null, Errors.NOT_LEADER_OR_FOLLOWER, p.leaderId(), epoch);
        }
        if (topic.isEmpty()) {
            return new Result(null, unknownTopic, -1, -1);
        }
        if (index < 0 || index >= topic.get().partitionCount()) {
            return new Result(null, Errors.UNKNOWN_TOPIC_OR_PARTITION, -1, -1);
        }
        PartitionInfo info = topic.get().partitions().get(index);
        int epoch = info.state().map(PartitionState::leaderEpoch).orElse(-1);
        Errors fenced = LeaderEpochCheck.check(currentLeaderEpoch, epoch);
        return new Result(null, fenced != Errors.NONE ? fenced : Errors.NOT_LEADER_OR_FOLLOWER, info.leader(), epoch);
    }

    /** Where clients of {@code listenerName} reach broker {@code brokerId}, for NOT_LEADER_OR_FOLLOWER answers. */
    public Optional<BrokerEndpoint> endpoint(int brokerId, String listenerName) {
        ClusterImage image = replicas.image();
        return Optional.ofNullable(image.brokers().get(brokerId)).flatMap(b -> b.endpoint(listenerName));
    }

    /** The rack of broker {@code brokerId}, or null. */
    public String rack(int brokerId) {
        return Optional.ofNullable(replicas.image().brokers().get(brokerId)).flatMap(b -> b.rack()).orElse(null);
    }
}
