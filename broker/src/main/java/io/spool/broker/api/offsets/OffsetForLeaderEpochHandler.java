package io.spool.broker.api.offsets;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.LeaderEpochCheck;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.partition.Partition;
import io.spool.broker.partition.PartitionManager;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetForLeaderEpoch v2-4: for each partition, the largest epoch not above the requested one and
 * the offset where it ended (the log end for the current epoch), from the log's leader epoch
 * history; -1/-1 when the log has none. Consumers use it to detect truncation (KIP-320). Current
 * leader epochs are fenced as in Fetch; unknown partitions are UNKNOWN_TOPIC_OR_PARTITION.
 */
public final class OffsetForLeaderEpochHandler implements ApiHandler<OffsetForLeaderEpochRequest> {
    private final PartitionManager partitions;

    public OffsetForLeaderEpochHandler(PartitionManager partitions) {
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
        Optional<Partition> partition = partitions.get(topic, p.partition());
        if (partition.isEmpty()) {
            return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        Errors fenced = LeaderEpochCheck.check(p.currentLeaderEpoch(), partition.get().leaderEpoch());
        if (fenced != Errors.NONE) {
            return result.setErrorCode(fenced.code());
        }
        Log log = partition.get().log();
        EpochEntry end = log.leaderEpochs().endOffsetFor(p.leaderEpoch(), log.logEndOffset());
        return result.setLeaderEpoch(end.epoch()).setEndOffset(end.startOffset());
    }
}
