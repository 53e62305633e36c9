package io.spool.broker.group;

import io.netty.buffer.ByteBuf;
import io.spool.broker.partition.Partition;
import io.spool.broker.partition.PartitionManager;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicExistsException;
import io.spool.broker.topic.TopicManager;
import io.spool.coordinator.OffsetsTopic;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionState;
import io.spool.log.Log;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * {@code __consumer_offsets} as an ordinary registered topic: created through the topic manager
 * (registered in ZooKeeper, the logs created as the image shows it), its partitions served by the partition manager like any other,
 * so fetches, ListOffsets and the log cleaner see the coordinator's records. Its partitions are
 * placed and led like any topic's.
 */
public final class HostedOffsetsTopic implements OffsetsTopic {
    private final TopicManager topics;
    private final PartitionManager partitions;
    private final Supplier<ClusterImage> image;

    /** @param image the latest cluster image: live brokers bound the replication factor, and partitions need leaders */
    public HostedOffsetsTopic(TopicManager topics, PartitionManager partitions, Supplier<ClusterImage> image) {
        this.topics = topics;
        this.partitions = partitions;
        this.image = image;
    }

    /**
     * The partition count once every partition has a leader and this broker has taken up its
     * replicas (registration comes first, the controller's leaders and the logs after it).
     */
    @Override
    public OptionalInt partitionCount() {
        boolean led = image.get().topic(NAME).map(t -> t.partitions().stream().allMatch(p -> p.leader() != PartitionState.NO_LEADER))
                .orElse(false);
        return led ? partitions.partitionCount(NAME) : OptionalInt.empty();
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
        return partitions.get(NAME, partition).map(Partition::log);
    }

    /** Appends on the calling thread (the coordinator's): a page-cache write, committed when it returns. */
    @Override
    public CompletableFuture<Long> append(int partition, ByteBuf batch) {
        Optional<Partition> leader = partitions.get(NAME, partition);
        if (leader.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("this broker hosts no " + NAME + "-" + partition));
        }
        try {
            return CompletableFuture.completedFuture(leader.get().appendAsLeader(batch).lastOffset());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
