package io.spool.broker.api.offsets;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.PartitionLookup;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.log.Log;
import io.spool.log.TimestampAndOffset;
import io.spool.log.errors.LogException;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.ListOffsetsRequest;
import io.spool.wire.message.ListOffsetsRequest.ListOffsetsPartition;
import io.spool.wire.message.ListOffsetsRequest.ListOffsetsTopic;
import io.spool.wire.message.ListOffsetsResponse;
import io.spool.wire.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import io.spool.wire.message.ListOffsetsResponse.ListOffsetsTopicResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets v1-11. Special timestamps: -2 earliest (log start), -1 latest (high watermark, which
 * is also the last stable offset without transactions, so both isolation levels agree), -3 max
 * timestamp (v7+), -4 earliest local (v8+; all data is local, so the log start), -5 latest tiered
 * (v9+) and -6 earliest pending upload (v11+), both -1 as nothing is tiered. Other timestamps find
 * the first offset whose batch reaches them, or -1. Only the leader answers: current leader
 * epochs (v4+) are fenced as Kafka does, partitions led elsewhere are NOT_LEADER_OR_FOLLOWER,
 * unknown ones UNKNOWN_TOPIC_OR_PARTITION.
 */
public final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequest> {
    static final long LATEST = -1;
    static final long EARLIEST = -2;
    static final long MAX_TIMESTAMP = -3;
    static final long EARLIEST_LOCAL = -4;
    static final long LATEST_TIERED = -5;
    static final long EARLIEST_PENDING_UPLOAD = -6;

    private final PartitionLookup partitions;

    public ListOffsetsHandler(PartitionLookup partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_OFFSETS;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(1, 11);
    }

    @Override
    public CompletableFuture<ListOffsetsResponse> handle(RequestContext context, ListOffsetsRequest request) {
        List<ListOffsetsTopicResponse> topics = new ArrayList<>(request.topics().size());
        for (ListOffsetsTopic topic : request.topics()) {
            List<ListOffsetsPartitionResponse> results = new ArrayList<>(topic.partitions().size());
            for (ListOffsetsPartition p : topic.partitions()) {
                results.add(lookup(topic.name(), p));
            }
            topics.add(new ListOffsetsTopicResponse().setName(topic.name()).setPartitions(results));
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponse().setTopics(topics));
    }

    private ListOffsetsPartitionResponse lookup(String topic, ListOffsetsPartition p) {
        ListOffsetsPartitionResponse result = new ListOffsetsPartitionResponse().setPartitionIndex(p.partitionIndex())
                .setTimestamp(-1).setOffset(-1).setLeaderEpoch(-1);
        PartitionLookup.Result found = partitions.byName(topic, p.partitionIndex(), p.currentLeaderEpoch());
        if (!found.ok()) {
            return result.setErrorCode(found.error().code());
        }
        Log log = found.partition().log();
        try {
            long timestamp = p.timestamp();
            if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
                long start = log.logStartOffset();
                return result.setOffset(start).setLeaderEpoch(log.epochFor(start));
            }
            if (timestamp == LATEST) {
                return result.setOffset(log.highWatermark()).setLeaderEpoch(found.leaderEpoch());
            }
            if (timestamp == LATEST_TIERED || timestamp == EARLIEST_PENDING_UPLOAD) {
                return result;
            }
            Optional<TimestampAndOffset> match = timestamp == MAX_TIMESTAMP ? log.maxTimestamp() : log.offsetForTimestamp(timestamp);
            return match.map(f -> result.setTimestamp(f.timestamp()).setOffset(f.offset()).setLeaderEpoch(f.leaderEpoch()))
                    .orElse(result);
        } catch (LogException e) {
            return result.setErrorCode(Errors.forCode(e.error().code()).code());
        }
    }
}
