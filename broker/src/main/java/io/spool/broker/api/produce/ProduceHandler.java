package io.spool.broker.api.produce;

import io.netty.buffer.ByteBuf;
import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.CloseConnection;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.partition.Partition;
import io.spool.broker.partition.PartitionManager;
import io.spool.broker.topic.TopicNames;
import io.spool.log.AppendResult;
import io.spool.log.errors.LogException;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.ProduceRequest;
import io.spool.wire.message.ProduceRequest.PartitionProduceData;
import io.spool.wire.message.ProduceRequest.TopicProduceData;
import io.spool.wire.message.ProduceResponse;
import io.spool.wire.message.ProduceResponse.PartitionProduceResponse;
import io.spool.wire.message.ProduceResponse.TopicProduceResponse;
import io.spool.wire.protocol.BufferRecords;
import io.spool.wire.protocol.Records;
import io.spool.wire.records.RecordBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Produce v3-13, advertised from v0: Kafka 4 lists v0-2 in ApiVersions though it refuses them
 * (KAFKA-18659; librdkafka will not produce compressed batches otherwise), and so do we: the
 * decoder closes connections that send them. Each partition's data must be exactly one magic v2
 * batch (INVALID_RECORD otherwise); it is appended on the calling event loop (a page-cache write)
 * and, the broker being the whole ISR, acknowledged at once for acks 1 and -1. Other acks are
 * INVALID_REQUIRED_ACKS; acks=-1 on a topic whose min.insync.replicas exceeds the one replica is
 * NOT_ENOUGH_REPLICAS, nothing appended. No topic is created on produce: unknown topics are
 * UNKNOWN_TOPIC_OR_PARTITION, unknown topic ids (v13) UNKNOWN_TOPIC_ID. A duplicate of an
 * idempotent batch is answered with the offsets it got the first time. Kafka's internal topics
 * ({@code __consumer_offsets}) take records only from the coordinators and from clients named
 * {@value #ADMIN_CLIENT_ID}, as in Kafka; anyone else gets INVALID_TOPIC_EXCEPTION. acks=0 sends
 * no response; if any partition failed, the connection is closed instead, as Kafka does.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequest> {
    private static final System.Logger LOG = System.getLogger(ProduceHandler.class.getName());
    /** This broker alone. */
    private static final int IN_SYNC_REPLICAS = 1;
    /** The client id Kafka's admin tools use, allowed to write internal topics. */
    private static final String ADMIN_CLIENT_ID = "__admin_client";

    private final PartitionManager partitions;

    public ProduceHandler(PartitionManager partitions) {
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
        List<TopicProduceResponse> topics = new ArrayList<>(request.topicData().size());
        for (TopicProduceData topic : request.topicData()) {
            List<PartitionProduceResponse> results = new ArrayList<>(topic.partitionData().size());
            for (PartitionProduceData data : topic.partitionData()) {
                PartitionProduceResponse result = validAcks
                        ? append(byId, acks, internalAllowed, topic, data)
                        : failure(data.index(), Errors.INVALID_REQUIRED_ACKS, "acks must be 0, 1 or -1, not " + acks);
                anyError |= result.errorCode() != Errors.NONE.code();
                results.add(result);
            }
            TopicProduceResponse response = new TopicProduceResponse().setPartitionResponses(results);
            topics.add(byId ? response.setTopicId(topic.topicId()) : response.setName(topic.name()));
        }
        if (acks == 0) {
            return anyError ? CompletableFuture.failedFuture(new CloseConnection("an acks=0 produce failed"))
                    : CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.completedFuture(new ProduceResponse().setResponses(topics));
    }

    private PartitionProduceResponse append(boolean byId, short acks, boolean internalAllowed, TopicProduceData topic,
                                            PartitionProduceData data) {
        Optional<Partition> partition = byId ? partitions.get(topic.topicId(), data.index()) : partitions.get(topic.name(), data.index());
        String name = byId ? partition.map(Partition::topic).orElse(null) : topic.name();
        if (!internalAllowed && name != null && TopicNames.isInternal(name)) {
            return failure(data.index(), Errors.INVALID_TOPIC_EXCEPTION, "Cannot append to internal topic " + name);
        }
        if (partition.isEmpty()) {
            return byId && !partitions.hosts(topic.topicId())
                    ? failure(data.index(), Errors.UNKNOWN_TOPIC_ID, "No topic has id " + topic.topicId())
                    : failure(data.index(), Errors.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host partition " + data.index()
                            + " of " + (byId ? topic.topicId() : topic.name()));
        }
        int minInsync = partition.get().log().config().minInsyncReplicas();
        if (acks == -1 && minInsync > IN_SYNC_REPLICAS) {
            return failure(data.index(), Errors.NOT_ENOUGH_REPLICAS, "min.insync.replicas is " + minInsync
                    + " but only " + IN_SYNC_REPLICAS + " replica is in sync");
        }
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
            AppendResult result = partition.get().appendAsLeader(bytes);
            return new PartitionProduceResponse()
                    .setIndex(data.index())
                    .setBaseOffset(result.firstOffset())
                    .setLogAppendTimeMs(result.logAppendTime())
                    .setLogStartOffset(result.logStartOffset());
        } catch (LogException e) {
            return failure(data.index(), Errors.forCode(e.error().code()), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Append to " + partition.get() + " failed", e);
            return failure(data.index(), Errors.UNKNOWN_SERVER_ERROR, "Append failed: " + e);
        }
    }

    private static PartitionProduceResponse failure(int index, Errors error, String message) {
        return new PartitionProduceResponse().setIndex(index).setErrorCode(error.code()).setErrorMessage(message)
                .setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1);
    }
}
