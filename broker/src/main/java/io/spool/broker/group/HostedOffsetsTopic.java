package io.spool.broker.group;

import io.netty.buffer.ByteBuf;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicExistsException;
import io.spool.broker.topic.TopicManager;
import io.spool.coordinator.OffsetsTopic;
import io.spool.log.Log;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.ReplicaError;
import io.spool.replication.partition.ReplicaException;
import io.spool.replication.partition.ReplicaManager;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * {@code __consumer_offsets} as an ordinary registered topic: created through the topic manager
 * (registered in ZooKeeper, the logs created as the image shows it), its partitions replicated by the replica manager like any
 * other, so fetches, ListOffsets and the log cleaner see the coordinator's records. A coordinator
 * append completes once the high watermark passes it (acks=all), within offsets.commit.timeout.ms;
 * it fails with an IllegalStateException (the coordinator answers NOT_COORDINATOR) when this broker
 * does not lead the partition or leadership moves before the records are committed.
 */
public final class HostedOffsetsTopic implements OffsetsTopic {
    private final TopicManager topics;
    private final ReplicaManager replicas;
    private final Supplier<ClusterImage> image;
    private final long commitTimeoutMs;
    private final ScheduledExecutorService timer;

    /**
     * @param image the latest cluster image: live brokers bound the replication factor, and partitions need leaders
     * @param commitTimeoutMs how long an append may wait for the in-sync replicas (offsets.commit.timeout.ms)
     * @param timer expires appends that waited too long
     */
    public HostedOffsetsTopic(TopicManager topics, ReplicaManager replicas, Supplier<ClusterImage> image, long commitTimeoutMs,
                              ScheduledExecutorService timer) {
        this.topics = topics;
        this.replicas = replicas;
        this.image = image;
        this.commitTimeoutMs = commitTimeoutMs;
        this.timer = timer;
    }

    /**
     * The partition count once every partition has a leader in the image the replica manager has
     * applied (registration comes first, the controller's leaders and this broker's replicas after it).
     */
    @Override
    public OptionalInt partitionCount() {
        return replicas.image().topic(NAME).filter(t -> t.partitions().stream().allMatch(p -> p.leader() != PartitionState.NO_LEADER))
                .map(t -> OptionalInt.of(t.partitionCount())).orElse(OptionalInt.empty());
    }

    /**
     * Registers the topic and creates its logs, unless it exists. Refused, as Kafka refuses, while
     * fewer brokers are alive than the replication factor asks for.
     *
     * @throws IllegalStateException when the topic cannot be created; the message says why
     */
    @Override
    public int createIfAbsent(int partitionCount, short replicationFactor, Map<String, String> configs) {
        Optional<Topic> registered = topics.store().byName(NAME);
        if (registered.isPresent()) {
            return registered.get().partitionCount();
        }
        int alive = image.get().brokers().size();
        if (replicationFactor > alive) {
            throw new IllegalStateException(NAME + " needs " + replicationFactor + " replicas (offsets.topic.replication.factor) but "
                    + alive + " broker(s) are alive; start more brokers or lower offsets.topic.replication.factor");
        }
        try {
            return topics.create(NAME, partitionCount, replicationFactor, configs).get().partitionCount();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // Created meanwhile by a CreateTopics request, or a name that collides on '.' versus '_'.
                return topics.store().byName(NAME).map(Topic::partitionCount).orElseThrow(() -> new IllegalStateException(
                        "Cannot create " + NAME + ": " + e.getCause().getMessage()));
            }
            throw new IllegalStateException("Creating " + NAME + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + NAME, e);
        }
    }

    @Override
    public Optional<Log> log(int partition) {
        return replicas.get(NAME, partition).map(Partition::log);
    }

    /** Appends on the calling thread (the coordinator's); completes when the in-sync replicas have the records. */
    @Override
    public CompletableFuture<Long> append(int partition, ByteBuf batch) {
        Optional<Partition> leader = replicas.get(NAME, partition).filter(Partition::isLeader);
        if (leader.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("this broker does not lead " + NAME + "-" + partition));
        }
        long lastOffset;
        try {
            lastOffset = leader.get().appendAsLeader(batch, -1).lastOffset();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof ReplicaException
                    ? new IllegalStateException(e.getMessage(), e) : e);
        }
        return leader.get().awaitCommit(lastOffset, commitTimeoutMs, timer).thenCompose(outcome -> outcome == ReplicaError.NONE
                ? CompletableFuture.completedFuture(lastOffset)
                : CompletableFuture.failedFuture(new IllegalStateException(NAME + "-" + partition + " did not commit offset "
                        + lastOffset + ": " + outcome)));
    }
}
