package io.spool.broker.api.offsets;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.PartitionLookup;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.log.Log;
import io.spool.log.epoch.EpochEntry;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.OffsetForLeaderEpochRequest;
import io.spool.wire.message.OffsetForLeaderEpochRequest.OffsetForLeaderPartition;
import io.spool.wire.message.OffsetForLeaderEpochRequest.OffsetForLeaderTopic;
import io.spool.wire.message.OffsetForLeaderEpochResponse;
import io.spool.wire.message.OffsetForLeaderEpochResponse.EpochEndOffset;
import io.spool.wire.message.OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetForLeaderEpoch v2-4: for each partition, the largest epoch not above the requested one and
 * the offset where it ended (the log end for the current epoch), from the log's leader epoch
 * history; -1/-1 when the log has none. Consumers use it to detect truncation (KIP-320). Only the
 * leader answers: current leader epochs are fenced as in Fetch, partitions led elsewhere are
 * NOT_LEADER_OR_FOLLOWER, unknown ones UNKNOWN_TOPIC_OR_PARTITION.
 */
public final class OffsetForLeaderEpochHandler implements ApiHandler<OffsetForLeaderEpochRequest> {
    private final PartitionLookup partitions;

    public OffsetForLeaderEpochHandler(PartitionLookup partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(2, 4);
    }

    @Override
    public CompletableFuture<OffsetForLeaderEpochResponse> handle(RequestContext context, OffsetForLeaderEpochRequest request) {
        List<OffsetForLeaderTopicResult> topics = new ArrayList<>(request.topics().size());
        for (OffsetForLeaderTopic topic : request.topics()) {
            List<EpochEndOffset> results = new ArrayList<>(topic.partitions().size());
            for (OffsetForLeaderPartition p : topic.partitions()) {
                results.add(endOffset(topic.topic(), p));
            }
            topics.add(new OffsetForLeaderTopicResult().setTopic(topic.topic()).setPartitions(results));
        }
        return CompletableFuture.completedFuture(new OffsetForLeaderEpochResponse().setTopics(topics));
    }

    private EpochEndOffset endOffset(String topic, OffsetForLeaderPartition p) {
        EpochEndOffset result = new EpochEndOffset().setPartition(p.partition()).setLeaderEpoch(-1).setEndOffset(-1);
        PartitionLookup.Result found = partitions.byName(topic, p.partition(), p.currentLeaderEpoch());
        if (!found.ok()) {
            return result.setErrorCode(found.error().code());
        }
        Log log = found.partition().log();
        EpochEntry end = log.leaderEpochs().endOffsetFor(p.leaderEpoch(), log.logEndOffset());
        return result.setLeaderEpoch(end.epoch()).setEndOffset(end.startOffset());
    }
}
