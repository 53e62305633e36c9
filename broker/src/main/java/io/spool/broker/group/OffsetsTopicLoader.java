package io.spool.broker.group;

import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.OffsetsTopic;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.PartitionListener;
import io.spool.replication.partition.ReplicaManager;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Brings {@code __consumer_offsets} into service: the coordinator loads a partition when this
 * broker becomes its leader and unloads it when leadership moves away. At start it loads the
 * partitions already led here; if the topic does not exist, the first FindCoordinator (or a
 * Metadata request for the topic) has it created. Until then group lookups are told why the
 * coordinator is not available, as Kafka answers COORDINATOR_NOT_AVAILABLE while the topic is
 * being created.
 */
public final class OffsetsTopicLoader implements PartitionListener {
    private static final System.Logger LOG = System.getLogger(OffsetsTopicLoader.class.getName());
    private static final String BEING_CREATED = OffsetsTopic.NAME + " is being created";

    private final GroupCoordinator coordinator;
    private final OffsetsTopic topic;
    private final ReplicaManager replicas;

    private volatile boolean started;
    private volatile String creationFailure;
    // Guarded by this.
    private CompletableFuture<Integer> watchedCreation;
    private String loggedFailure;

    public OffsetsTopicLoader(GroupCoordinator coordinator, OffsetsTopic topic, ReplicaManager replicas) {
        this.coordinator = coordinator;
        this.topic = topic;
        this.replicas = replicas;
    }

    /** Loads the partitions this broker leads now; later leadership changes arrive as events. Call after the coordinator's startup. */
    public void start() {
        started = true;
        for (Partition p : replicas.partitions()) {
            if (p.topic().equals(OffsetsTopic.NAME) && p.isLeader()) {
                load(p.index());
            }
        }
    }

    @Override
    public void leadershipChanged(Partition partition, boolean leader) {
        if (!started || !partition.topic().equals(OffsetsTopic.NAME)) {
            return;
        }
        if (leader) {
            load(partition.index());
        } else {
            coordinator.unloadPartition(partition.index());
        }
    }

    private void load(int partition) {
        if (topic.partitionCount().isPresent()) {
            coordinator.ensureOffsetsTopic(); // the topic exists: this only tells the coordinator its partition count
        }
        coordinator.loadPartition(partition).exceptionally(e -> {
            LOG.log(Level.ERROR, "Groups of " + OffsetsTopic.NAME + "-" + partition + " cannot be served: " + e.getMessage());
            return null;
        });
    }

    /**
     * Has the topic created if it does not exist, and says why groups are not yet served: empty once
     * the topic exists (each group is then served by its partition's leader, answered
     * COORDINATOR_LOAD_IN_PROGRESS while loading); otherwise the reason, with the creation under way.
     * Never blocks.
     */
    public Optional<String> ensureAvailable() {
        if (topic.partitionCount().isPresent()) {
            coordinator.ensureOffsetsTopic(); // the topic exists: this only tells the coordinator its partition count
            return Optional.empty();
        }
        create();
        return Optional.of(Objects.requireNonNullElse(creationFailure, BEING_CREATED));
    }

    private synchronized void create() {
        CompletableFuture<Integer> creation = coordinator.ensureOffsetsTopic();
        if (creation == watchedCreation) {
            return;
        }
        watchedCreation = creation;
        creation.whenComplete((partitions, failure) -> {
            if (failure == null) {
                creationFailure = null;
            } else {
                failed(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            }
        });
    }

    /** Remembers why creation failed; each distinct reason is logged once, as clients retry every few hundred ms. */
    private synchronized void failed(Throwable cause) {
        String reason = cause instanceof IllegalStateException ? cause.getMessage() : "Creating " + OffsetsTopic.NAME + " failed: " + cause;
        creationFailure = reason;
        if (!reason.equals(loggedFailure)) {
            loggedFailure = reason;
            LOG.log(Level.ERROR, "Consumer groups are unavailable: " + reason);
        }
    }
}
