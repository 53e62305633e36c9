package io.spool.broker.topic;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Creates and deletes topics off the event loops: the registry change is durable before the
 * partitions are created (so a crash leaves no unregistered logs to serve) and removed before the
 * partitions are deleted.
 */
public final class TopicManager {
    private final TopicStore store;
    private final PartitionLifecycle partitions;
    private final Executor blocking;

    public TopicManager(TopicStore store, PartitionLifecycle partitions, Executor blocking) {
        this.store = store;
        this.partitions = partitions;
        this.blocking = blocking;
    }

    public TopicStore store() {
        return store;
    }

    /** Registers the topic and creates its partitions; fails with TopicExistsException when it exists. */
    public CompletableFuture<Topic> create(String name, int partitionCount, Map<String, String> configs) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Topic topic = store.create(name, partitionCount, configs);
                partitions.create(topic);
                return topic;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, blocking);
    }

    /** Unregisters the topic and deletes its partitions; completes empty when there was no such topic. */
    public CompletableFuture<Optional<Topic>> delete(String name) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Optional<Topic> topic = store.delete(name);
                if (topic.isPresent()) {
                    partitions.delete(topic.get());
                }
                return topic;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, blocking);
    }
}
