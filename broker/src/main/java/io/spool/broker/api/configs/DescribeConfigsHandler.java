package io.spool.broker.api.configs;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.config.BrokerConfig;
import io.spool.broker.config.ConfigEntry;
import io.spool.broker.config.ConfigSynonym;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicStore;
import io.spool.log.LogConfig;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.DescribeConfigsRequest;
import io.spool.wire.message.DescribeConfigsRequest.DescribeConfigsResource;
import io.spool.wire.message.DescribeConfigsResponse;
import io.spool.wire.message.DescribeConfigsResponse.DescribeConfigsResourceResult;
import io.spool.wire.message.DescribeConfigsResponse.DescribeConfigsResult;
import io.spool.wire.message.DescribeConfigsResponse.DescribeConfigsSynonym;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DescribeConfigs v1-4 for topics (resource type 2) and this broker (type 4, named by its node id;
 * an empty name asks for cluster-wide dynamic defaults, of which there are none). Each entry has
 * Kafka's name, value, source, read-only and sensitive flags; synonyms in precedence order when
 * asked (v1+); the config type (v3+) and documentation when asked (v3+). Broker configs are all
 * static, hence read-only. Unknown topics are UNKNOWN_TOPIC_OR_PARTITION; another broker's id, a
 * non-numeric name or other resource types (broker loggers) are INVALID_REQUEST.
 */
public final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequest> {
    private static final byte TOPIC = 2;
    private static final byte BROKER = 4;

    private final BrokerConfig broker;
    private final TopicStore topics;
    private final Supplier<LogConfig> topicDefaults;
    private final TopicConfigDescriber describer;

    public DescribeConfigsHandler(BrokerConfig broker, TopicStore topics, Supplier<LogConfig> topicDefaults, TopicConfigDescriber describer) {
        this.broker = broker;
        this.topics = topics;
        this.topicDefaults = topicDefaults;
        this.describer = describer;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CONFIGS;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(1, 4);
    }

    @Override
    public CompletableFuture<DescribeConfigsResponse> handle(RequestContext context, DescribeConfigsRequest request) {
        List<DescribeConfigsResult> results = new ArrayList<>(request.resources().size());
        for (DescribeConfigsResource resource : request.resources()) {
            DescribeConfigsResult result = new DescribeConfigsResult()
                    .setResourceType(resource.resourceType()).setResourceName(resource.resourceName());
            results.add(result);
            Optional<List<ConfigEntry>> entries;
            if (resource.resourceType() == TOPIC) {
                Optional<Topic> topic = topics.byName(resource.resourceName());
                if (topic.isEmpty()) {
                    fail(result, Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + resource.resourceName() + " does not exist");
                    continue;
                }
                entries = Optional.of(describer.describe(topicDefaults.get().withOverrides(topic.get().configs())));
            } else if (resource.resourceType() == BROKER) {
                entries = brokerEntries(resource.resourceName(), result);
            } else {
                fail(result, Errors.INVALID_REQUEST, "Resource type " + resource.resourceType() + " is not supported");
                continue;
            }
            entries.ifPresent(list -> result.setConfigs(select(list, resource.configurationKeys(), request)));
        }
        return CompletableFuture.completedFuture(new DescribeConfigsResponse().setResults(results));
    }

    private Optional<List<ConfigEntry>> brokerEntries(String name, DescribeConfigsResult result) {
        if (name.isEmpty()) {
            return Optional.of(List.of());
        }
        if (!name.equals(Integer.toString(broker.nodeId()))) {
            fail(result, Errors.INVALID_REQUEST, "Unexpected broker id, expected " + broker.nodeId()
                    + " or an empty string, but received " + name);
            return Optional.empty();
        }
        return Optional.of(broker.describe());
    }

    private static List<DescribeConfigsResourceResult> select(List<ConfigEntry> entries, List<String> keys, DescribeConfigsRequest request) {
        Set<String> wanted = keys == null ? null : new HashSet<>(keys);
        List<DescribeConfigsResourceResult> out = new ArrayList<>();
        for (ConfigEntry e : entries) {
            if (wanted != null && !wanted.contains(e.name())) {
                continue;
            }
            List<DescribeConfigsSynonym> synonyms = new ArrayList<>();
            if (request.includeSynonyms()) {
                for (ConfigSynonym s : e.synonyms()) {
                    synonyms.add(new DescribeConfigsSynonym().setName(s.name()).setValue(s.value()).setSource(s.source().id()));
                }
            }
            out.add(new DescribeConfigsResourceResult()
                    .setName(e.name())
                    .setValue(e.value())
                    .setReadOnly(e.readOnly())
                    .setConfigSource(e.source().id())
                    .setIsSensitive(e.sensitive())
                    .setSynonyms(synonyms)
                    .setConfigType(e.type().id())
                    .setDocumentation(request.includeDocumentation() ? e.documentation() : null));
        }
        return out;
    }

    private static void fail(DescribeConfigsResult result, Errors error, String message) {
        result.setErrorCode(error.code()).setErrorMessage(message);
    }
}
