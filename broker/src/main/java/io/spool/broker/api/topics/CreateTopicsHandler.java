package io.spool.broker.api.topics;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.api.configs.TopicConfigDescriber;
import io.spool.broker.cluster.ClusterMetadata;
import io.spool.broker.config.ConfigEntry;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicExistsException;
import io.spool.broker.topic.TopicManager;
import io.spool.broker.topic.TopicNames;
import io.spool.log.LogConfig;
import io.spool.replication.controller.InvalidReplicationFactorException;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.CreateTopicsRequest;
import io.spool.wire.message.CreateTopicsRequest.CreatableReplicaAssignment;
import io.spool.wire.message.CreateTopicsRequest.CreatableTopic;
import io.spool.wire.message.CreateTopicsRequest.CreatableTopicConfig;
import io.spool.wire.message.CreateTopicsResponse;
import io.spool.wire.message.CreateTopicsResponse.CreatableTopicConfigs;
import io.spool.wire.message.CreateTopicsResponse.CreatableTopicResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * CreateTopics v2-7. Checks each topic as Kafka does: a name listed twice is INVALID_REQUEST; an
 * illegal name INVALID_TOPIC_EXCEPTION; assignments together with a count or factor
 * INVALID_REQUEST; non-consecutive or foreign-broker assignments INVALID_REPLICA_ASSIGNMENT; a
 * count below 1 (other than -1 = num.partitions, v4+) INVALID_PARTITIONS; a factor below 1 (other
 * than -1 = default.replication.factor) or above the live brokers INVALID_REPLICATION_FACTOR; unknown or invalid topic settings
 * INVALID_CONFIG; an existing name TOPIC_ALREADY_EXISTS (a name differing only in '.' versus '_'
 * INVALID_TOPIC_EXCEPTION). validateOnly checks without creating. v5+ results carry the partition
 * count, replication factor and effective configs; v7+ the topic id. Replicas are placed by
 * {@link io.spool.replication.controller.ReplicaAssignment} over the live brokers (manual
 * assignments must name live brokers, each once per partition, with one replication factor); the
 * answer comes once this broker's image shows every partition led, or after a bounded wait.
 */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequest> {
    private static final System.Logger LOG = System.getLogger(CreateTopicsHandler.class.getName());
    private final ClusterMetadata cluster;
    private final TopicManager topics;
    private final Supplier<LogConfig> topicDefaults;
    private final TopicConfigDescriber describer;
    private final Defaults defaults;

    /** The broker's num.partitions and default.replication.factor. */
    public record Defaults(int partitions, int replicationFactor) {
    }

    public CreateTopicsHandler(ClusterMetadata cluster, TopicManager topics, Supplier<LogConfig> topicDefaults,
                               TopicConfigDescriber describer, Defaults defaults) {
        this.cluster = cluster;
        this.topics = topics;
        this.topicDefaults = topicDefaults;
        this.describer = describer;
        this.defaults = defaults;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(2, 7);
    }

    @Override
    public CompletableFuture<CreateTopicsResponse> handle(RequestContext context, CreateTopicsRequest request) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        for (CreatableTopic t : request.topics()) {
            if (!seen.add(t.name())) {
                duplicates.add(t.name());
            }
        }
        List<CreatableTopicResult> results = new ArrayList<>();
        List<CompletableFuture<?>> creations = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        for (CreatableTopic t : request.topics()) {
            if (duplicates.contains(t.name())) {
                if (answered.add(t.name())) {
                    results.add(failure(t.name(), Errors.INVALID_REQUEST, "Topic " + t.name() + " is listed more than once in the request"));
                }
                continue;
            }
            CreatableTopicResult result = new CreatableTopicResult().setName(t.name());
            results.add(result);
            Plan plan;
            try {
                plan = plan(t);
            } catch (Refused r) {
                fail(result, r.error, r.getMessage());
                continue;
            }
            if (request.validateOnly()) {
                succeed(result, plan, null);
                continue;
            }
            creations.add(topics.create(t.name(), plan.assignment, plan.configs).handle((topic, error) -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause == null) {
                    succeed(result, plan, topic);
                } else if (cause instanceof TopicExistsException e) {
                    boolean sameName = topics.store().byName(t.name()).isPresent();
                    fail(result, sameName ? Errors.TOPIC_ALREADY_EXISTS : Errors.INVALID_TOPIC_EXCEPTION, e.getMessage());
                } else if (cause instanceof InvalidReplicationFactorException) {
                    fail(result, Errors.INVALID_REPLICATION_FACTOR, cause.getMessage());
                } else {
                    LOG.log(System.Logger.Level.WARNING, "Creating topic " + t.name() + " failed", cause);
                    fail(result, Errors.UNKNOWN_SERVER_ERROR, "Creating topic " + t.name() + " failed: " + cause.getMessage());
                }
                return null;
            }));
        }
        CreateTopicsResponse response = new CreateTopicsResponse().setTopics(results);
        return CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }

    /** What a valid request asks for: the partition count, replication factor and topic settings. */
    private record Plan(int partitions, short replicationFactor, List<List<Integer>> assignment, Map<String, String> configs,
                        LogConfig logConfig) {
    }

    /** A topic the request may not create, with Kafka's error. */
    private static final class Refused extends Exception {
        final Errors error;

        Refused(Errors error, String message) {
            super(message, null, false, false);
            this.error = error;
        }
    }

    private Plan plan(CreatableTopic t) throws Refused {
        Optional<String> invalidName = TopicNames.invalidReason(t.name());
        if (invalidName.isPresent()) {
            throw new Refused(Errors.INVALID_TOPIC_EXCEPTION, invalidName.get());
        }
        if (topics.store().byName(t.name()).isPresent()) {
            throw new Refused(Errors.TOPIC_ALREADY_EXISTS, "Topic '" + t.name() + "' already exists.");
        }
        int partitions;
        int replicationFactor;
        List<List<Integer>> assignment;
        List<CreatableReplicaAssignment> assignments = t.assignments();
        if (!assignments.isEmpty()) {
            if (t.numPartitions() != -1 || t.replicationFactor() != -1) {
                throw new Refused(Errors.INVALID_REQUEST, "Both numPartitions or replicationFactor and replicasAssignments were set. Only one may be used.");
            }
            assignment = checkAssignments(assignments);
            replicationFactor = assignment.get(0).size();
            partitions = assignments.size();
        } else {
            partitions = t.numPartitions() == -1 ? defaults.partitions() : t.numPartitions();
            if (partitions <= 0) {
                throw new Refused(Errors.INVALID_PARTITIONS, "Number of partitions was set to an invalid non-positive value.");
            }
            replicationFactor = t.replicationFactor() == -1 ? defaults.replicationFactor() : t.replicationFactor();
            if (replicationFactor <= 0) {
                throw new Refused(Errors.INVALID_REPLICATION_FACTOR, "Replication factor must be larger than 0, or -1 to use the default value.");
            }
            try {
                assignment = topics.store().assign(partitions, replicationFactor);
            } catch (InvalidReplicationFactorException e) {
                throw new Refused(Errors.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition " + replicationFactor
                        + " time(s): The target replication factor of " + replicationFactor + " cannot be reached because only "
                        + cluster.image().brokers().size() + " broker(s) are registered.");
            }
        }
        Map<String, String> configs = new LinkedHashMap<>();
        for (CreatableTopicConfig c : t.configs()) {
            if (c.value() == null) {
                throw new Refused(Errors.INVALID_CONFIG, "Null value not supported for topic config " + c.name());
            }
            if (configs.put(c.name(), c.value()) != null) {
                throw new Refused(Errors.INVALID_REQUEST, "Topic config " + c.name() + " is set more than once");
            }
        }
        LogConfig logConfig;
        try {
            logConfig = topicDefaults.get().withOverrides(configs);
        } catch (IllegalArgumentException e) {
            throw new Refused(Errors.INVALID_CONFIG, e.getMessage());
        }
        return new Plan(partitions, (short) replicationFactor, assignment, configs, logConfig);
    }

    /** Partitions must be 0..n-1, each on distinct live brokers, all with one replication factor; returns the replicas by partition. */
    private List<List<Integer>> checkAssignments(List<CreatableReplicaAssignment> assignments) throws Refused {
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        for (CreatableReplicaAssignment a : assignments) {
            if (byPartition.put(a.partitionIndex(), a.brokerIds()) != null) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partition " + a.partitionIndex() + " is assigned twice");
            }
        }
        List<List<Integer>> result = new ArrayList<>(assignments.size());
        for (int p = 0; p < assignments.size(); p++) {
            List<Integer> brokers = byPartition.get(p);
            if (brokers == null) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partitions must be numbered 0 to " + (assignments.size() - 1)
                        + " without gaps; partition " + p + " is missing");
            }
            if (brokers.isEmpty()) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partition " + p + " has an empty replica list");
            }
            if (new HashSet<>(brokers).size() != brokers.size()) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partition " + p + " lists a broker more than once: " + brokers);
            }
            for (int broker : brokers) {
                if (!cluster.image().isAlive(broker)) {
                    throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partition " + p + " is assigned to unregistered broker " + broker);
                }
            }
            if (!result.isEmpty() && result.get(0).size() != brokers.size()) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "All partitions should have the same number of replicas; partition "
                        + p + " has " + brokers.size() + " and partition 0 has " + result.get(0).size());
            }
            result.add(List.copyOf(brokers));
        }
        return result;
    }

    private void succeed(CreatableTopicResult result, Plan plan, Topic topic) {
        List<CreatableTopicConfigs> configs = new ArrayList<>();
        for (ConfigEntry e : describer.describe(plan.logConfig)) {
            configs.add(new CreatableTopicConfigs().setName(e.name()).setValue(e.value()).setReadOnly(e.readOnly())
                    .setConfigSource(e.source().id()).setIsSensitive(e.sensitive()));
        }
        result.setErrorCode(Errors.NONE.code())
                .setNumPartitions(plan.partitions)
                .setReplicationFactor(plan.replicationFactor)
                .setConfigs(configs);
        if (topic != null) {
            result.setTopicId(topic.id());
        }
    }

    private static CreatableTopicResult failure(String name, Errors error, String message) {
        return fail(new CreatableTopicResult().setName(name), error, message);
    }

    private static CreatableTopicResult fail(CreatableTopicResult result, Errors error, String message) {
        return result.setErrorCode(error.code()).setErrorMessage(message)
                .setNumPartitions(-1).setReplicationFactor((short) -1).setConfigs(null);
    }
}
