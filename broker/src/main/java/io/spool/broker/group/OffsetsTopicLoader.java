package io.spool.broker.group;

import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.OffsetsTopic;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntPredicate;

/**
 * Brings {@code __consumer_offsets} into service on this broker: at start the coordinator loads the
 * partitions of an existing topic that this broker leads; otherwise the first
 * FindCoordinator (or a Metadata request for the topic) has it created, and its partitions are
 * loaded once their logs exist. Until then group lookups are told why the coordinator is not
 * available, as Kafka answers COORDINATOR_NOT_AVAILABLE while the topic is being created.
 */
public final class OffsetsTopicLoader {
    private static final System.Logger LOG = System.getLogger(OffsetsTopicLoader.class.getName());
    private static final String BEING_CREATED = OffsetsTopic.NAME + " is being created";

    private final GroupCoordinator coordinator;
    private final OffsetsTopic topic;
    private final IntPredicate ledHere;

    private volatile boolean loaded;
    private volatile String creationFailure;
    // Guarded by this.
    private CompletableFuture<Integer> watchedCreation;
    private String loggedFailure;

    /** @param ledHere whether this broker leads a partition of the topic: only those are loaded here */
    public OffsetsTopicLoader(GroupCoordinator coordinator, OffsetsTopic topic, IntPredicate ledHere) {
        this.coordinator = coordinator;
        this.topic = topic;
        this.ledHere = ledHere;
    }

    /** The partition of {@code __consumer_offsets} that holds the group. */
    public int partitionFor(String groupId) {
        return coordinator.partitionFor(groupId);
    }

    /** Has the coordinator load the partitions of the topic if it exists (a restart); call after its startup. */
    public void start() {
        if (topic.partitionCount().isPresent()) {
            loadAll();
        }
    }

    /**
     * Starts whatever groups still need to be served here, and says why they are not yet: empty
     * once every partition is loaded or loading (its groups' requests are answered
     * COORDINATOR_LOAD_IN_PROGRESS meanwhile); otherwise the reason, with the topic's creation under
     * way. Never blocks.
     */
    public Optional<String> ensureAvailable() {
        if (loaded) {
            return Optional.empty();
        }
        if (topic.partitionCount().isPresent()) {
            loadAll();
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
                loadAll();
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

    /**
     * Has the coordinator load every partition. The requests are queued on its event loop before
     * this returns, so a request for a group that follows is answered "loading", not "not here".
     */
    private synchronized void loadAll() {
        if (loaded) {
            return;
        }
        OptionalInt hosted = topic.partitionCount();
        if (hosted.isEmpty()) {
            return; // registered, its logs still being created: the next lookup tries again
        }
        coordinator.ensureOffsetsTopic(); // the topic exists: this only tells the coordinator its partition count
        for (int p = 0; p < hosted.getAsInt(); p++) {
            if (!ledHere.test(p)) {
                continue;
            }
            int partition = p;
            coordinator.loadPartition(partition).exceptionally(e -> {
                LOG.log(Level.ERROR, "Groups of " + OffsetsTopic.NAME + "-" + partition + " cannot be served: " + e.getMessage());
                return null;
            });
        }
        loaded = true;
    }
}
