package io.spool.broker.api.group;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.cluster.ClusterMetadata;
import io.spool.coordinator.OffsetsTopic;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.broker.group.OffsetsTopicLoader;
import io.spool.broker.meta.KafkaUuid;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.FindCoordinatorRequest;
import io.spool.wire.message.FindCoordinatorResponse;
import io.spool.wire.message.FindCoordinatorResponse.Coordinator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator v0-6. v0 asks for a group's coordinator; v1 adds the key type (0 group,
 * 1 transaction; v6 adds 2, share) and an error message; v3 is flexible; v4 batches keys of one
 * type, each answered on its own. This broker coordinates every group: the answer is its own
 * endpoint on the request's listener, once {@code __consumer_offsets} is in service; before that,
 * and while the topic is created on the first lookup, COORDINATOR_NOT_AVAILABLE, which clients
 * retry (the message says why, e.g. a replication factor one broker cannot satisfy). Spool has no
 * transaction or share coordinator: those keys are COORDINATOR_NOT_AVAILABLE, what Kafka answers
 * while such a coordinator is not available. Share keys before v6 or not of the form
 * group:topicId:partition, and unknown key types, are INVALID_REQUEST.
 */
public final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequest> {
    private static final byte GROUP = 0;
    private static final byte TRANSACTION = 1;
    private static final byte SHARE = 2;
    private static final short KEY_TYPE_VERSION = 1;
    private static final short BATCHED_VERSION = 4;
    private static final short SHARE_VERSION = 6;

    private final ClusterMetadata cluster;
    private final OffsetsTopicLoader offsetsTopic;

    public FindCoordinatorHandler(ClusterMetadata cluster, OffsetsTopicLoader offsetsTopic) {
        this.cluster = cluster;
        this.offsetsTopic = offsetsTopic;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(0, 6);
    }

    /** One key's answer: an error, or the coordinator's id and endpoint. */
    private record Answer(Errors error, String message, int nodeId, BrokerEndpoint endpoint) {
        static Answer error(Errors error, String message) {
            return new Answer(error, message, -1, null);
        }

        String host() {
            return endpoint == null ? "" : endpoint.host();
        }

        int port() {
            return endpoint == null ? -1 : endpoint.port();
        }
    }

    @Override
    public CompletableFuture<FindCoordinatorResponse> handle(RequestContext context, FindCoordinatorRequest request) {
        short version = context.version();
        byte keyType = version >= KEY_TYPE_VERSION ? request.keyType() : GROUP;
        if (version < BATCHED_VERSION) {
            Answer a = find(keyType, request.key(), version, context.listenerName());
            return CompletableFuture.completedFuture(new FindCoordinatorResponse().setErrorCode(a.error().code())
                    .setErrorMessage(a.message()).setNodeId(a.nodeId()).setHost(a.host()).setPort(a.port()));
        }
        List<Coordinator> coordinators = new ArrayList<>(request.coordinatorKeys().size());
        for (String key : request.coordinatorKeys()) {
            Answer a = find(keyType, key, version, context.listenerName());
            coordinators.add(new Coordinator().setKey(key).setErrorCode(a.error().code()).setErrorMessage(a.message())
                    .setNodeId(a.nodeId()).setHost(a.host()).setPort(a.port()));
        }
        return CompletableFuture.completedFuture(new FindCoordinatorResponse().setCoordinators(coordinators));
    }

    private Answer find(byte keyType, String key, short version, String listenerName) {
        switch (keyType) {
            case GROUP: {
                Optional<String> unavailable = offsetsTopic.ensureAvailable();
                if (unavailable.isPresent()) {
                    return Answer.error(Errors.COORDINATOR_NOT_AVAILABLE, unavailable.get());
                }
                ClusterImage image = cluster.image();
                int partition = offsetsTopic.partitionFor(key);
                int leader = image.partition(OffsetsTopic.NAME, partition).map(PartitionInfo::leader).orElse(PartitionState.NO_LEADER);
                if (leader == PartitionState.NO_LEADER) {
                    return Answer.error(Errors.COORDINATOR_NOT_AVAILABLE, OffsetsTopic.NAME + "-" + partition + " has no leader");
                }
                return ClusterMetadata.endpoint(image, leader, listenerName).map(e -> new Answer(Errors.NONE, null, leader, e))
                        .orElseGet(() -> Answer.error(Errors.COORDINATOR_NOT_AVAILABLE,
                                "The coordinator (broker " + leader + ") has no endpoint on listener " + listenerName));
            }
            case TRANSACTION:
                return Answer.error(Errors.COORDINATOR_NOT_AVAILABLE, "This broker has no transaction coordinator");
            case SHARE: {
                if (version < SHARE_VERSION) {
                    return Answer.error(Errors.INVALID_REQUEST, "Share coordinators are looked up from version " + SHARE_VERSION);
                }
                Optional<String> invalid = invalidShareKey(key);
                return invalid.isPresent() ? Answer.error(Errors.INVALID_REQUEST, invalid.get())
                        : Answer.error(Errors.COORDINATOR_NOT_AVAILABLE, "This broker has no share coordinator");
            }
            default:
                return Answer.error(Errors.INVALID_REQUEST, "Unknown coordinator type " + keyType);
        }
    }

    /** Why a share key is not "groupId:topicId:partition" (the group id may itself contain ':'), or empty. */
    private static Optional<String> invalidShareKey(String key) {
        String[] parts = key.split(":");
        if (parts.length < 3) {
            return Optional.of("Share key '" + key + "' is not of the form groupId:topicId:partition");
        }
        if (String.join(":", Arrays.copyOfRange(parts, 0, parts.length - 2)).trim().isEmpty()) {
            return Optional.of("Share key '" + key + "' has an empty group id");
        }
        try {
            KafkaUuid.parse(parts[parts.length - 2]);
            Integer.parseInt(parts[parts.length - 1]);
        } catch (IllegalArgumentException e) {
            return Optional.of("Share key '" + key + "' has an invalid topic id or partition: " + e.getMessage());
        }
        return Optional.empty();
    }
}
