package io.spool.broker.api.metadata;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.AuthorizedOperations;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.cluster.ClusterMetadata;
import io.spool.broker.topic.TopicExistsException;
import io.spool.broker.topic.TopicManager;
import io.spool.broker.topic.TopicNames;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.controller.InvalidReplicationFactorException;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.MetadataRequest;
import io.spool.wire.message.MetadataRequest.MetadataRequestTopic;
import io.spool.wire.message.MetadataResponse;
import io.spool.wire.message.MetadataResponse.MetadataResponseBroker;
import io.spool.wire.message.MetadataResponse.MetadataResponsePartition;
import io.spool.wire.message.MetadataResponse.MetadataResponseTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Metadata v0-13, from this broker's cluster image: the live brokers with their endpoint on the
 * request's listener (and rack), the controller, and per partition its leader (LEADER_NOT_AVAILABLE
 * and -1 while it has none), leader epoch, replicas, ISR and offline replicas (those not alive). Null topics (v1+) or an empty list (v0) mean all topics. Topics asked for by id (v10+) that do not
 * exist are UNKNOWN_TOPIC_ID. A missing topic is auto-created when auto.create.topics.enable and the
 * request (v4+ allowAutoTopicCreation) allow it, and answered LEADER_NOT_AVAILABLE as Kafka does
 * right after creation; otherwise UNKNOWN_TOPIC_OR_PARTITION, or INVALID_TOPIC_EXCEPTION for an
 * illegal name that would have been created. Kafka's internal topics are flagged isInternal; a
 * missing {@code __consumer_offsets} is created as the group coordinator creates it (its own
 * partition count, replication factor and compaction), other internal topics are never created
 * here. Authorized operations (v8+) are all operations, as there is no authorizer.
 */
public final class MetadataHandler implements ApiHandler<MetadataRequest> {
    private static final System.Logger LOG = System.getLogger(MetadataHandler.class.getName());

    private final ClusterMetadata cluster;
    private final TopicManager topics;
    private final AutoCreation autoCreation;
    private final InternalTopicCreation internalTopics;

    /** Whether and how missing topics are created: the broker's auto.create.topics.enable, num.partitions, default.replication.factor. */
    public record AutoCreation(boolean enabled, int partitions, int replicationFactor) {
    }

    /** Creates the internal topics whose owner is on this broker, with the settings their owner gives them. */
    @FunctionalInterface
    public interface InternalTopicCreation {
        /** Starts creating the internal topic {@code name}; false when nothing here creates it. */
        boolean start(String name);
    }

    public MetadataHandler(ClusterMetadata cluster, TopicManager topics, AutoCreation autoCreation, InternalTopicCreation internalTopics) {
        this.cluster = cluster;
        this.topics = topics;
        this.autoCreation = autoCreation;
        this.internalTopics = internalTopics;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(0, 13);
    }

    @Override
    public CompletableFuture<MetadataResponse> handle(RequestContext context, MetadataRequest request) {
        short version = context.version();
        MetadataResponse response = new MetadataResponse()
                .setClusterId(cluster.clusterId())
                .setControllerId(cluster.controllerId())
                .setClusterAuthorizedOperations(request.includeClusterAuthorizedOperations()
                        ? AuthorizedOperations.CLUSTER : AuthorizedOperations.OMITTED);
        ClusterImage image = cluster.image();
        List<MetadataResponseBroker> brokers = new ArrayList<>();
        for (BrokerInfo b : ClusterMetadata.brokersOn(image, context.listenerName())) {
            BrokerEndpoint e = b.endpoint(context.listenerName()).orElseThrow();
            brokers.add(new MetadataResponseBroker().setNodeId(b.id()).setHost(e.host()).setPort(e.port()).setRack(b.rack().orElse(null)));
        }
        response.setBrokers(brokers);
        boolean topicOperations = request.includeTopicAuthorizedOperations();

        List<MetadataRequestTopic> requested = request.topics();
        List<MetadataResponseTopic> result = new ArrayList<>();
        if (requested == null || (version == 0 && requested.isEmpty())) {
            for (TopicInfo topic : image.topics().values()) {
                result.add(describe(image, topic, topicOperations));
            }
            return CompletableFuture.completedFuture(response.setTopics(result));
        }
        boolean mayCreate = autoCreation.enabled() && (version < 4 || request.allowAutoTopicCreation());
        List<CompletableFuture<MetadataResponseTopic>> creations = new ArrayList<>();
        for (MetadataRequestTopic wanted : requested) {
            if (wanted.name() == null) {
                UUID id = wanted.topicId();
                // Responses carry null names only from v12; earlier versions get an empty one.
                String unknownName = version >= 12 ? null : "";
                result.add(image.topic(id).map(t -> describe(image, t, topicOperations))
                        .orElseGet(() -> error(Errors.UNKNOWN_TOPIC_ID, unknownName).setTopicId(id)));
                continue;
            }
            Optional<TopicInfo> topic = image.topic(wanted.name());
            if (topic.isPresent()) {
                result.add(describe(image, topic.get(), topicOperations));
            } else if (!mayCreate) {
                result.add(error(Errors.UNKNOWN_TOPIC_OR_PARTITION, wanted.name()));
            } else if (TopicNames.isInternal(wanted.name())) {
                boolean creating = internalTopics.start(wanted.name());
                result.add(error(creating ? Errors.LEADER_NOT_AVAILABLE : Errors.UNKNOWN_TOPIC_OR_PARTITION, wanted.name()));
            } else if (TopicNames.invalidReason(wanted.name()).isPresent()) {
                result.add(error(Errors.INVALID_TOPIC_EXCEPTION, wanted.name()));
            } else {
                MetadataResponseTopic placeholder = error(Errors.LEADER_NOT_AVAILABLE, wanted.name());
                result.add(placeholder);
                creations.add(autoCreate(wanted.name(), placeholder));
            }
        }
        response.setTopics(result);
        if (creations.isEmpty()) {
            return CompletableFuture.completedFuture(response);
        }
        return CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }

    /** Creates the topic; the placeholder keeps LEADER_NOT_AVAILABLE unless creation was refused. */
    private CompletableFuture<MetadataResponseTopic> autoCreate(String name, MetadataResponseTopic placeholder) {
        return topics.create(name, autoCreation.partitions(), autoCreation.replicationFactor(), Map.of()).handle((topic, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof InvalidReplicationFactorException) {
                placeholder.setErrorCode(Errors.INVALID_REPLICATION_FACTOR.code());
            } else if (cause != null && !(cause instanceof TopicExistsException)) {
                LOG.log(System.Logger.Level.WARNING, "Auto-creating topic " + name + " failed", cause);
                placeholder.setErrorCode(Errors.UNKNOWN_SERVER_ERROR.code());
            } else if (cause instanceof TopicExistsException && topics.store().byName(name).isEmpty()) {
                // Another topic collides with this name on '.' versus '_'.
                placeholder.setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code());
            }
            return placeholder;
        });
    }

    private static MetadataResponseTopic describe(ClusterImage image, TopicInfo topic, boolean includeOperations) {
        List<MetadataResponsePartition> partitions = new ArrayList<>(topic.partitionCount());
        for (PartitionInfo p : topic.partitions()) {
            List<Integer> offline = p.replicas().stream().filter(r -> !image.isAlive(r)).toList();
            MetadataResponsePartition partition = new MetadataResponsePartition()
                    .setPartitionIndex(p.topicPartition().partition())
                    .setReplicaNodes(p.replicas())
                    .setOfflineReplicas(offline);
            if (p.state().isPresent() && p.state().get().hasLeader()) {
                PartitionState state = p.state().get();
                partition.setLeaderId(state.leader()).setLeaderEpoch(state.leaderEpoch()).setIsrNodes(state.isr());
            } else {
                partition.setErrorCode(Errors.LEADER_NOT_AVAILABLE.code()).setLeaderId(PartitionState.NO_LEADER)
                        .setLeaderEpoch(p.state().map(PartitionState::leaderEpoch).orElse(-1))
                        .setIsrNodes(p.state().map(PartitionState::isr).orElse(List.of()));
            }
            partitions.add(partition);
        }
        return new MetadataResponseTopic()
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(TopicNames.isInternal(topic.name()))
                .setPartitions(partitions)
                .setTopicAuthorizedOperations(includeOperations ? AuthorizedOperations.TOPIC : AuthorizedOperations.OMITTED);
    }

    private static MetadataResponseTopic error(Errors error, String name) {
        return new MetadataResponseTopic().setErrorCode(error.code()).setName(name)
                .setIsInternal(name != null && TopicNames.isInternal(name))
                .setTopicAuthorizedOperations(AuthorizedOperations.OMITTED);
    }
}
