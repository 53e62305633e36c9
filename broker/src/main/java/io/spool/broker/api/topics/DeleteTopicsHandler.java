package io.spool.broker.api.topics;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.topic.Topic;
import io.spool.broker.topic.TopicManager;
import io.spool.broker.topic.TopicNames;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.DeleteTopicsRequest;
import io.spool.wire.message.DeleteTopicsRequest.DeleteTopicState;
import io.spool.wire.message.DeleteTopicsResponse;
import io.spool.wire.message.DeleteTopicsResponse.DeletableTopicResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * DeleteTopics v1-6: by name (v1-5 topic names; v6 entries with a name) or by topic id (v6 entries
 * without one). Unknown names are UNKNOWN_TOPIC_OR_PARTITION, unknown ids UNKNOWN_TOPIC_ID, a topic
 * listed twice INVALID_REQUEST, and everything TOPIC_DELETION_DISABLED when delete.topic.enable is
 * false. Kafka's internal topics are refused with INVALID_REQUEST: the group coordinator serves
 * groups from {@code __consumer_offsets} (Kafka 4's controller would delete it and lose every
 * group; Spool keeps them). Answered once the topics are unregistered and their logs are being
 * deleted; the deleted topics' names are then passed on (the group coordinator drops their
 * committed offsets).
 */
public final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequest> {
    private final TopicManager topics;
    private final boolean deletionEnabled;
    private final Consumer<List<String>> deleted;

    /** @param deleted told the names of the topics each request deleted, after they are gone */
    public DeleteTopicsHandler(TopicManager topics, boolean deletionEnabled, Consumer<List<String>> deleted) {
        this.topics = topics;
        this.deletionEnabled = deletionEnabled;
        this.deleted = deleted;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_TOPICS;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(1, 6);
    }

    @Override
    public CompletableFuture<DeleteTopicsResponse> handle(RequestContext context, DeleteTopicsRequest request) {
        List<DeleteTopicState> wanted = new ArrayList<>();
        if (context.version() >= 6) {
            wanted.addAll(request.topics());
        } else {
            for (String name : request.topicNames()) {
                wanted.add(new DeleteTopicState().setName(name));
            }
        }
        Set<Object> seen = new HashSet<>();
        Set<Object> duplicates = new HashSet<>();
        for (DeleteTopicState w : wanted) {
            if (!seen.add(key(w))) {
                duplicates.add(key(w));
            }
        }
        List<DeletableTopicResult> results = new ArrayList<>();
        List<CompletableFuture<?>> deletions = new ArrayList<>();
        List<String> deletedNames = Collections.synchronizedList(new ArrayList<>());
        Set<Object> answered = new HashSet<>();
        for (DeleteTopicState w : wanted) {
            DeletableTopicResult result = new DeletableTopicResult().setName(w.name()).setTopicId(w.topicId());
            if (duplicates.contains(key(w))) {
                if (answered.add(key(w))) {
                    results.add(fail(result, Errors.INVALID_REQUEST, "Topic " + key(w) + " is listed more than once"));
                }
                continue;
            }
            results.add(result);
            if (!deletionEnabled) {
                fail(result, Errors.TOPIC_DELETION_DISABLED, "Topic deletion is disabled (delete.topic.enable=false)");
                continue;
            }
            Optional<Topic> topic = w.name() != null ? topics.store().byName(w.name()) : topics.store().byId(w.topicId());
            if (topic.isEmpty()) {
                if (w.name() != null) {
                    fail(result, Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + w.name() + " does not exist");
                } else {
                    fail(result, Errors.UNKNOWN_TOPIC_ID, "No topic has id " + w.topicId());
                }
                continue;
            }
            result.setName(topic.get().name()).setTopicId(topic.get().id());
            if (TopicNames.isInternal(topic.get().name())) {
                fail(result, Errors.INVALID_REQUEST, "Topic " + topic.get().name() + " is internal and cannot be deleted");
                continue;
            }
            deletions.add(topics.delete(topic.get().name()).handle((gone, error) -> {
                if (error != null) {
                    fail(result, Errors.UNKNOWN_SERVER_ERROR, "Deleting topic failed: " + error.getMessage());
                } else if (gone.isEmpty()) {
                    fail(result, Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + topic.get().name() + " was deleted concurrently");
                } else {
                    deletedNames.add(gone.get().name());
                }
                return null;
            }));
        }
        DeleteTopicsResponse response = new DeleteTopicsResponse().setResponses(results);
        return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            if (!deletedNames.isEmpty()) {
                deleted.accept(List.copyOf(deletedNames));
            }
            return response;
        });
    }

    private static Object key(DeleteTopicState w) {
        return w.name() != null ? w.name() : w.topicId();
    }

    private static DeletableTopicResult fail(DeletableTopicResult result, Errors error, String message) {
        return result.setErrorCode(error.code()).setErrorMessage(message);
    }
}
