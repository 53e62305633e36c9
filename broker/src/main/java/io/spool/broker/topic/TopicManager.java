package io.spool.broker.topic;

import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.zk.MetadataCache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Creates and deletes topics off the event loops. Creation registers the topic in ZooKeeper and
 * completes once this broker's image shows every partition with a leader (the controller has
 * initialised them and local replicas exist), or after {@code settleTimeout}; deletion asks the
 * controller and completes once the topic has left the image, or after the same bound.
 */
public final class TopicManager {
    private final TopicStore store;
    private final MetadataCache metadata;
    private final Executor blocking;
    private final Duration settleTimeout;

    public TopicManager(TopicStore store, MetadataCache metadata, Executor blocking, Duration settleTimeout) {
        this.store = store;
        this.metadata = metadata;
        this.blocking = blocking;
        this.settleTimeout = settleTimeout;
    }

    public TopicStore store() {
        return store;
    }

    /** Registers the topic with replicas chosen here; fails with TopicExistsException or InvalidReplicationFactorException. */
    public CompletableFuture<Topic> create(String name, int partitionCount, int replicationFactor, Map<String, String> configs) {
        return CompletableFuture.supplyAsync(() -> store.assign(partitionCount, replicationFactor), blocking)
                .thenCompose(assignment -> create(name, assignment, configs));
    }

    /** Registers the topic with the given replicas per partition. */
    public CompletableFuture<Topic> create(String name, List<List<Integer>> assignment, Map<String, String> configs) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return store.create(name, assignment, configs);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, blocking).thenCompose(topic -> settled(image -> image.topic(topic.id())
                .map(t -> t.partitions().stream().allMatch(p -> p.leader() != -1)).orElse(false)).thenApply(i -> topic));
    }

    /** Asks for the topic's deletion; completes empty when there was no such topic. */
    public CompletableFuture<Optional<Topic>> delete(String name) {
        return CompletableFuture.supplyAsync(() -> store.delete(name), blocking)
                .thenCompose(topic -> topic.isEmpty() ? CompletableFuture.completedFuture(topic)
                        : settled(image -> image.topic(topic.get().id()).isEmpty()).thenApply(i -> topic));
    }

    private CompletableFuture<ClusterImage> settled(Predicate<ClusterImage> condition) {
        return metadata.when(condition).completeOnTimeout(null, settleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
