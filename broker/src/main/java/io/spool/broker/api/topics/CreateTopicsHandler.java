package io.spool.broker.api.topics;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.api.configs.TopicConfigDescriber;
import io.spool.broker.cluster.LocalCluster;
import io.spool.broker.config.ConfigEntry;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicExistsException;
import io.spool.broker.topic.TopicManager;
import io.spool.broker.topic.TopicNames;
import io.spool.log.LogConfig;
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
 * than -1) or above the one broker INVALID_REPLICATION_FACTOR; unknown or invalid topic settings
 * INVALID_CONFIG; an existing name TOPIC_ALREADY_EXISTS (a name differing only in '.' versus '_'
 * INVALID_TOPIC_EXCEPTION). validateOnly checks without creating. v5+ results carry the partition
 * count, replication factor and effective configs; v7+ the topic id.
 */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequest> {
    private final LocalCluster cluster;
    private final TopicManager topics;
    private final Supplier<LogConfig> topicDefaults;
    private final TopicConfigDescriber describer;
    private final Defaults defaults;

    /** The broker's num.partitions and default.replication.factor. */
    public record Defaults(int partitions, int replicationFactor) {
    }

    public CreateTopicsHandler(LocalCluster cluster, TopicManager topics, Supplier<LogConfig> topicDefaults,
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
            creations.add(topics.create(t.name(), plan.partitions, plan.configs).handle((topic, error) -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause == null) {
                    succeed(result, plan, topic);
                } else if (cause instanceof TopicExistsException e) {
                    boolean sameName = topics.store().byName(t.name()).isPresent();
                    fail(result, sameName ? Errors.TOPIC_ALREADY_EXISTS : Errors.INVALID_TOPIC_EXCEPTION, e.getMessage());
                } else {
                    fail(result, Errors.UNKNOWN_SERVER_ERROR, "Creating topic " + t.name() + " failed: " + cause.getMessage());
                }
                return null;
            }));
        }
        CreateTopicsResponse response = new CreateTopicsResponse().setTopics(results);
        return CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }

    /** What a valid request asks for: the partition count, replication factor and topic settings. */
    private record Plan(int partitions, short replicationFactor, Map<String, String> configs, LogConfig logConfig) {
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
        List<CreatableReplicaAssignment> assignments = t.assignments();
        if (!assignments.isEmpty()) {
            if (t.numPartitions() != -1 || t.replicationFactor() != -1) {
                throw new Refused(Errors.INVALID_REQUEST, "Both numPartitions or replicationFactor and replicasAssignments were set. Only one may be used.");
            }
            replicationFactor = checkAssignments(assignments);
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
            if (replicationFactor > 1) {
                throw new Refused(Errors.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition " + replicationFactor
                        + " time(s): The target replication factor of " + replicationFactor + " cannot be reached because only 1 broker(s) are registered.");
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
        return new Plan(partitions, (short) replicationFactor, configs, logConfig);
    }

    /** Partitions must be 0..n-1, each placed on exactly this broker; returns the replication factor. */
    private int checkAssignments(List<CreatableReplicaAssignment> assignments) throws Refused {
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        for (CreatableReplicaAssignment a : assignments) {
            if (byPartition.put(a.partitionIndex(), a.brokerIds()) != null) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partition " + a.partitionIndex() + " is assigned twice");
            }
        }
        for (int p = 0; p < assignments.size(); p++) {
            if (!byPartition.containsKey(p)) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partitions must be numbered 0 to " + (assignments.size() - 1)
                        + " without gaps; partition " + p + " is missing");
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : byPartition.entrySet()) {
            List<Integer> brokers = e.getValue();
            if (brokers.isEmpty()) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partition " + e.getKey() + " has an empty replica list");
            }
            for (int broker : brokers) {
                if (broker != cluster.nodeId()) {
                    throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partition " + e.getKey()
                            + " is assigned to unregistered broker " + broker);
                }
            }
            if (brokers.size() > 1) {
                throw new Refused(Errors.INVALID_REPLICA_ASSIGNMENT, "Partition " + e.getKey() + " lists broker "
                        + cluster.nodeId() + " more than once");
            }
        }
        return 1;
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
