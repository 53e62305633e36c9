package io.spool.broker.api.produce;

import io.netty.buffer.ByteBuf;
import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.CloseConnection;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.api.PartitionLookup;
import io.spool.broker.topic.TopicNames;
import io.spool.log.AppendResult;
import io.spool.log.errors.LogException;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.ReplicaError;
import io.spool.replication.partition.ReplicaException;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.ProduceRequest;
import io.spool.wire.message.ProduceRequest.PartitionProduceData;
import io.spool.wire.message.ProduceRequest.TopicProduceData;
import io.spool.wire.message.ProduceResponse;
import io.spool.wire.message.ProduceResponse.LeaderIdAndEpoch;
import io.spool.wire.message.ProduceResponse.NodeEndpoint;
import io.spool.wire.message.ProduceResponse.PartitionProduceResponse;
import io.spool.wire.message.ProduceResponse.TopicProduceResponse;
import io.spool.wire.protocol.BufferRecords;
import io.spool.wire.protocol.Records;
import io.spool.wire.records.RecordBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Produce v3-13, advertised from v0: Kafka 4 lists v0-2 in ApiVersions though it refuses them
 * (KAFKA-18659; librdkafka will not produce compressed batches otherwise), and so do we: the
 * decoder closes connections that send them. Each partition's data must be exactly one magic v2
 * batch (INVALID_RECORD otherwise); it is appended by the partition's leader on the calling event
 * loop (a page-cache write). acks=0 and 1 are answered after the local append; acks=-1 first needs
 * an ISR of at least min.insync.replicas (NOT_ENOUGH_REPLICAS, nothing appended), then waits until
 * the high watermark passes the batch (NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR shrank below
 * min.insync.replicas meanwhile, REQUEST_TIMED_OUT after the request's timeout,
 * NOT_LEADER_OR_FOLLOWER if leadership moved). Other acks are INVALID_REQUIRED_ACKS. A partition
 * led elsewhere is NOT_LEADER_OR_FOLLOWER, from v10 with the leader and its endpoint (KIP-951).
 * No topic is created on produce: unknown topics are UNKNOWN_TOPIC_OR_PARTITION, unknown topic
 * ids (v13) UNKNOWN_TOPIC_ID. A duplicate of an idempotent batch is answered with the offsets it
 * got the first time. Kafka's internal topics ({@code __consumer_offsets}) take records only from
 * the coordinators and from clients named {@value #ADMIN_CLIENT_ID}, as in Kafka; anyone else gets
 * INVALID_TOPIC_EXCEPTION. acks=0 sends no response; if any partition failed, the connection is
 * closed instead, as Kafka does.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequest> {
    private static final System.Logger LOG = System.getLogger(ProduceHandler.class.getName());
    /** The client id Kafka's admin tools use, allowed to write internal topics. */
    private static final String ADMIN_CLIENT_ID = "__admin_client";

    private final PartitionLookup partitions;

    public ProduceHandler(PartitionLookup partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.PRODUCE;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(3, 13);
    }

    @Override
    public VersionRange advertisedVersions() {
        return VersionRange.of(0, 13);
    }

    @Override
    public CompletableFuture<ProduceResponse> handle(RequestContext context, ProduceRequest request) {
        boolean byId = context.version() >= 13;
        short acks = request.acks();
        boolean validAcks = acks == 0 || acks == 1 || acks == -1;
        boolean internalAllowed = ADMIN_CLIENT_ID.equals(context.clientId());
        boolean anyError = false;
        Set<Integer> leadersElsewhere = new TreeSet<>();
        List<CompletableFuture<?>> waits = new ArrayList<>();
        List<TopicProduceResponse> topics = new ArrayList<>(request.topicData().size());
        for (TopicProduceData topic : request.topicData()) {
            List<PartitionProduceResponse> results = new ArrayList<>(topic.partitionData().size());
            for (PartitionProduceData data : topic.partitionData()) {
                PartitionProduceResponse result = validAcks
                        ? append(context, byId, acks, internalAllowed, topic, data, request.timeoutMs(), waits)
                        : failure(data.index(), Errors.INVALID_REQUIRED_ACKS, "acks must be 0, 1 or -1, not " + acks);
                anyError |= result.errorCode() != Errors.NONE.code();
                if (result.errorCode() == Errors.NOT_LEADER_OR_FOLLOWER.code() && result.currentLeader().leaderId() >= 0) {
                    leadersElsewhere.add(result.currentLeader().leaderId());
                }
                results.add(result);
            }
            TopicProduceResponse response = new TopicProduceResponse().setPartitionResponses(results);
            topics.add(byId ? response.setTopicId(topic.topicId()) : response.setName(topic.name()));
        }
        if (acks == 0) {
            return anyError ? CompletableFuture.failedFuture(new CloseConnection("an acks=0 produce failed"))
                    : CompletableFuture.completedFuture(null);
        }
        ProduceResponse response = new ProduceResponse().setResponses(topics)
                .setNodeEndpoints(nodeEndpoints(context, leadersElsewhere));
        return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).thenApply(done -> response);
    }

    private PartitionProduceResponse append(RequestContext context, boolean byId, short acks, boolean internalAllowed, TopicProduceData topic,
                                            PartitionProduceData data, int timeoutMs, List<CompletableFuture<?>> waits) {
        PartitionLookup.Result found = byId ? partitions.byId(topic.topicId(), data.index(), -1) : partitions.byName(topic.name(), data.index(), -1);
        String name = byId ? partitions.replicas().image().topic(topic.topicId()).map(t -> t.name()).orElse(null) : topic.name();
        if (!internalAllowed && name != null && TopicNames.isInternal(name)) {
            return failure(data.index(), Errors.INVALID_TOPIC_EXCEPTION, "Cannot append to internal topic " + name);
        }
        if (!found.ok()) {
            PartitionProduceResponse failed = failure(data.index(), found.error(), switch (found.error()) {
                case UNKNOWN_TOPIC_ID -> "No topic has id " + topic.topicId();
                case NOT_LEADER_OR_FOLLOWER -> "This broker does not lead partition " + data.index() + " of "
                        + (byId ? topic.topicId() : topic.name()) + "; broker " + found.leaderId() + " does";
                default -> "This server does not host partition " + data.index() + " of " + (byId ? topic.topicId() : topic.name());
            });
            if (found.error() == Errors.NOT_LEADER_OR_FOLLOWER && context.version() >= 10) {
                failed.setCurrentLeader(new LeaderIdAndEpoch().setLeaderId(found.leaderId()).setLeaderEpoch(found.leaderEpoch()));
            }
            return failed;
        }
        Partition partition = found.partition();
        Records records = data.records();
        if (!(records instanceof BufferRecords buffer) || buffer.sizeInBytes() == 0) {
            return failure(data.index(), Errors.INVALID_RECORD, "Produce requests must carry one record batch per partition");
        }
        ByteBuf bytes = buffer.buffer();
        if (bytes.readableBytes() >= RecordBatch.LOG_OVERHEAD) {
            long firstBatch = RecordBatch.LOG_OVERHEAD + (long) bytes.getInt(bytes.readerIndex() + RecordBatch.BATCH_LENGTH_OFFSET);
            if (firstBatch > 0 && firstBatch < bytes.readableBytes()) {
                return failure(data.index(), Errors.INVALID_RECORD, "Produce requests must carry exactly one record batch per partition");
            }
        }
        try {
            AppendResult result = partition.appendAsLeader(bytes, acks);
            PartitionProduceResponse response = new PartitionProduceResponse()
                    .setIndex(data.index())
                    .setBaseOffset(result.firstOffset())
                    .setLogAppendTimeMs(result.logAppendTime())
                    .setLogStartOffset(result.logStartOffset());
            if (acks == -1 && result.lastOffset() >= 0) {
                waits.add(partition.awaitCommit(result.lastOffset(), timeoutMs, context.scheduler()).thenAccept(outcome -> {
                    if (outcome != ReplicaError.NONE) {
                        response.setErrorCode(outcome.code()).setErrorMessage(commitFailure(outcome, partition))
                                .setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1);
                    }
                }));
            }
            return response;
        } catch (ReplicaException e) {
            return failure(data.index(), Errors.forCode(e.error().code()), e.getMessage());
        } catch (LogException e) {
            return failure(data.index(), Errors.forCode(e.error().code()), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Append to " + partition + " failed", e);
            return failure(data.index(), Errors.UNKNOWN_SERVER_ERROR, "Append failed: " + e);
        }
    }

    private static String commitFailure(ReplicaError outcome, Partition partition) {
        return switch (outcome) {
            case REQUEST_TIMED_OUT -> "The in-sync replicas of " + partition + " did not all copy the records in time";
            case NOT_ENOUGH_REPLICAS_AFTER_APPEND -> "The ISR of " + partition + " shrank below min.insync.replicas; the records "
                    + "were written but are not replicated enough";
            default -> "Leadership of " + partition + " moved before the records were replicated";
        };
    }

    /** The endpoints of the leaders named in NOT_LEADER_OR_FOLLOWER answers (v10+), on the request's listener. */
    private List<NodeEndpoint> nodeEndpoints(RequestContext context, Set<Integer> leaders) {
        List<NodeEndpoint> endpoints = new ArrayList<>(0);
        if (context.version() < 10) {
            return endpoints;
        }
        for (int leader : leaders) {
            partitions.endpoint(leader, context.listenerName()).ifPresent(e -> endpoints.add(new NodeEndpoint()
                    .setNodeId(leader).setHost(e.host()).setPort(e.port()).setRack(partitions.rack(leader))));
        }
        return endpoints;
    }

    private static PartitionProduceResponse failure(int index, Errors error, String message) {
        return new PartitionProduceResponse().setIndex(index).setErrorCode(error.code()).setErrorMessage(message)
                .setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1);
    }
}
