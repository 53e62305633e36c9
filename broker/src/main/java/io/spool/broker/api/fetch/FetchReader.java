package io.spool.broker.api.fetch;

import io.netty.buffer.Unpooled;
import io.spool.broker.api.Errors;
import io.spool.log.Log;
import io.spool.log.errors.LogException;
import io.spool.replication.partition.Partition;
import io.spool.wire.message.FetchResponse;
import io.spool.wire.message.FetchResponse.AbortedTransaction;
import io.spool.wire.message.FetchResponse.EpochEndOffset;
import io.spool.wire.message.FetchResponse.LeaderIdAndEpoch;
import io.spool.wire.message.FetchResponse.FetchableTopicResponse;
import io.spool.wire.message.FetchResponse.PartitionData;
import io.spool.wire.protocol.BufferRecords;
import io.spool.wire.protocol.FileSliceRecords;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link FetchPlan} into a response. Followers read up to the log end and are told where
 * their history diverges (DivergingEpoch) instead of getting records; partitions no longer led
 * here are NOT_LEADER_OR_FOLLOWER with the leader known here. Each partition gets whole batches up to its
 * partition_max_bytes and what is left of the response's max_bytes; the first partition with data
 * gets at least one batch even if larger (KIP-74), later ones only what fits. Consumers read below
 * the high watermark; with no transactions the last stable offset equals it, so read_committed
 * reads the same records and reports no aborted transactions.
 */
final class FetchReader {
    private static final BufferRecords EMPTY = new BufferRecords(Unpooled.EMPTY_BUFFER);

    /** A read: the response, the record bytes it carries, and whether any partition failed. */
    record Result(FetchResponse response, long bytes, boolean anyError) {
    }

    Result read(FetchPlan plan) {
        List<FetchableTopicResponse> topics = new ArrayList<>(plan.topics().size());
        long bytes = 0;
        boolean anyError = false;
        for (FetchPlan.Topic topic : plan.topics()) {
            List<PartitionData> partitions = new ArrayList<>(topic.partitions().size());
            for (FetchPlan.Wanted wanted : topic.partitions()) {
                PartitionData data = readPartition(wanted, plan, bytes);
                if (data.errorCode() != Errors.NONE.code()) {
                    anyError = true;
                }
                bytes += data.records().sizeInBytes();
                partitions.add(data);
            }
            FetchableTopicResponse response = new FetchableTopicResponse().setPartitions(partitions);
            topics.add(plan.topicIds() ? response.setTopicId(topic.id()) : response.setTopic(topic.name()));
        }
        return new Result(new FetchResponse().setResponses(topics), bytes, anyError);
    }

    private static PartitionData readPartition(FetchPlan.Wanted wanted, FetchPlan plan, long bytesSoFar) {
        Partition partition = wanted.partition();
        if (partition == null) {
            return failed(wanted, wanted.error());
        }
        if (partition.deleted()) {
            return failed(wanted, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        if (!partition.isLeader()) {
            return failed(wanted, Errors.NOT_LEADER_OR_FOLLOWER);
        }
        Log log = partition.log();
        // One read of the mark bounds the records and is the one reported: a consumer never gets records past the mark it is told.
        long highWatermark = log.highWatermark();
        long readLimit = plan.readLimit(log.logEndOffset(), highWatermark);
        long logStart = log.logStartOffset();
        PartitionData data = new PartitionData()
                .setPartitionIndex(wanted.index())
                .setHighWatermark(highWatermark)
                .setLastStableOffset(highWatermark)
                .setLogStartOffset(logStart)
                .setAbortedTransactions(plan.readCommitted() ? new ArrayList<AbortedTransaction>(0) : null)
                .setRecords(EMPTY);
        if (wanted.diverging() != null) {
            return data.setDivergingEpoch(new EpochEndOffset().setEpoch(wanted.diverging().epoch())
                    .setEndOffset(wanted.diverging().startOffset()));
        }
        int room = (int) Math.max(0, Math.min(wanted.maxBytes(), plan.maxBytes() - bytesSoFar));
        try {
            FileSliceRecords records = log.read(wanted.fetchOffset(), room, readLimit, bytesSoFar == 0);
            return data.setRecords(records);
        } catch (LogException e) {
            return data.setErrorCode(Errors.forCode(e.error().code()).code());
        }
    }

    private static PartitionData failed(FetchPlan.Wanted wanted, Errors error) {
        PartitionData data = new PartitionData().setPartitionIndex(wanted.index()).setErrorCode(error.code())
                .setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1).setRecords(EMPTY);
        if (error == Errors.NOT_LEADER_OR_FOLLOWER || error == Errors.FENCED_LEADER_EPOCH) {
            data.setCurrentLeader(new LeaderIdAndEpoch().setLeaderId(wanted.leaderId()).setLeaderEpoch(wanted.leaderEpoch()));
        }
        return data;
    }
}
