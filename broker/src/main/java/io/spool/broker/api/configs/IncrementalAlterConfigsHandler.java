package io.spool.broker.api.configs;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.config.ConfigEntry;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicStore;
import io.spool.log.LogConfig;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.IncrementalAlterConfigsRequest;
import io.spool.wire.message.IncrementalAlterConfigsRequest.AlterConfigsResource;
import io.spool.wire.message.IncrementalAlterConfigsRequest.AlterableConfig;
import io.spool.wire.message.IncrementalAlterConfigsResponse;
import io.spool.wire.message.IncrementalAlterConfigsResponse.AlterConfigsResourceResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * IncrementalAlterConfigs v0-1 (v1 is flexible) for topics: SET, DELETE (back to the broker default),
 * APPEND and SUBTRACT (on list values, starting from the effective value) change the topic's
 * overrides in {@code /config/topics/<topic>}; every broker applies them to its logs when the change
 * reaches its image. The result is checked as a whole before anything is written (INVALID_CONFIG
 * otherwise); validateOnly only checks. Broker resources are INVALID_REQUEST: broker settings are
 * static (server.properties). A missing topic is UNKNOWN_TOPIC_OR_PARTITION.
 */
public final class IncrementalAlterConfigsHandler implements ApiHandler<IncrementalAlterConfigsRequest> {
    private static final byte TOPIC = 2;
    private static final byte SET = 0;
    private static final byte DELETE = 1;
    private static final byte APPEND = 2;
    private static final byte SUBTRACT = 3;

    private final TopicStore topics;
    private final Supplier<LogConfig> topicDefaults;
    private final TopicConfigDescriber describer;
    private final Executor blocking;

    public IncrementalAlterConfigsHandler(TopicStore topics, Supplier<LogConfig> topicDefaults, TopicConfigDescriber describer,
                                          Executor blocking) {
        this.topics = topics;
        this.topicDefaults = topicDefaults;
        this.describer = describer;
        this.blocking = blocking;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(0, 1);
    }

    @Override
    public CompletableFuture<IncrementalAlterConfigsResponse> handle(RequestContext context, IncrementalAlterConfigsRequest request) {
        List<AlterConfigsResourceResponse> responses = new ArrayList<>();
        Map<String, Map<String, String>> writes = new HashMap<>();
        for (AlterConfigsResource resource : request.resources()) {
            AlterConfigsResourceResponse response = new AlterConfigsResourceResponse()
                    .setResourceType(resource.resourceType()).setResourceName(resource.resourceName()).setErrorCode(Errors.NONE.code());
            responses.add(response);
            if (resource.resourceType() != TOPIC) {
                fail(response, Errors.INVALID_REQUEST, "Only topic configs can be altered; broker settings come from server.properties");
                continue;
            }
            Optional<Topic> topic = topics.byName(resource.resourceName());
            if (topic.isEmpty()) {
                fail(response, Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + resource.resourceName() + " does not exist");
                continue;
            }
            try {
                Map<String, String> next = apply(topic.get(), resource.configs());
                topicDefaults.get().withOverrides(next);
                if (!request.validateOnly()) {
                    writes.put(topic.get().name(), next);
                }
            } catch (IllegalArgumentException e) {
                fail(response, Errors.INVALID_CONFIG, e.getMessage());
            }
        }
        IncrementalAlterConfigsResponse result = new IncrementalAlterConfigsResponse().setResponses(responses);
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return CompletableFuture.supplyAsync(() -> {
            for (AlterConfigsResourceResponse r : responses) {
                Map<String, String> configs = writes.get(r.resourceName());
                if (configs == null || r.resourceType() != TOPIC) {
                    continue;
                }
                try {
                    topics.setConfigs(r.resourceName(), configs);
                } catch (RuntimeException e) {
                    fail(r, Errors.UNKNOWN_SERVER_ERROR, "Writing the configs failed: " + e.getMessage());
                }
            }
            return result;
        }, blocking);
    }

    private Map<String, String> apply(Topic topic, List<AlterableConfig> changes) {
        Map<String, String> next = new HashMap<>(topic.configs());
        Set<String> seen = new LinkedHashSet<>();
        for (AlterableConfig c : changes) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("Config " + c.name() + " is altered more than once");
            }
            switch (c.configOperation()) {
                case SET -> {
                    if (c.value() == null) {
                        throw new IllegalArgumentException("Null value not supported for topic config " + c.name());
                    }
                    next.put(c.name(), c.value());
                }
                case DELETE -> next.remove(c.name());
                case APPEND, SUBTRACT -> {
                    List<String> values = new ArrayList<>(effectiveList(topic, next, c.name()));
                    List<String> operand = c.value() == null ? List.of() : Arrays.asList(c.value().split("\\s*,\\s*"));
                    if (c.configOperation() == APPEND) {
                        operand.stream().filter(v -> !values.contains(v)).forEach(values::add);
                    } else {
                        values.removeAll(operand);
                    }
                    next.put(c.name(), String.join(",", values));
                }
                default -> throw new IllegalArgumentException("Unknown config operation " + c.configOperation() + " for " + c.name());
            }
        }
        return next;
    }

    /** The value a list config has now: the pending override, else the effective value. */
    private List<String> effectiveList(Topic topic, Map<String, String> pending, String name) {
        String value = pending.get(name);
        if (value == null) {
            value = describer.describe(topicDefaults.get().withOverrides(topic.configs())).stream()
                    .filter(e -> e.name().equals(name)).map(ConfigEntry::value).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown topic config " + name));
        }
        return value == null || value.isBlank() ? List.of() : List.of(value.split("\\s*,\\s*"));
    }

    private static void fail(AlterConfigsResourceResponse response, Errors error, String message) {
        response.setErrorCode(error.code()).setErrorMessage(message);
    }
}
