package io.spool.broker.partition;

import io.netty.buffer.ByteBuf;
import io.spool.log.AppendResult;
import io.spool.log.Log;

import java.util.UUID;

/**
 * One hosted topic partition with its leader epoch from the cluster metadata. Appends move the
 * high watermark to the log end at once (ISR tracking and follower fetching belong to the
 * replication module's replica manager, which replaces this).
 */
public final class Partition {
    private final String topic;
    private final UUID topicId;
    private final int index;
    private final Log log;
    private volatile int leaderEpoch;
    private final AppendListener listener;
    private volatile boolean deleted;

    Partition(String topic, UUID topicId, int index, Log log, int leaderEpoch, AppendListener listener) {
        this.topic = topic;
        this.topicId = topicId;
        this.index = index;
        this.log = log;
        this.leaderEpoch = leaderEpoch;
        this.listener = listener;
    }

    public String topic() {
        return topic;
    }

    public UUID topicId() {
        return topicId;
    }

    public int index() {
        return index;
    }

    public Log log() {
        return log;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    void leaderEpoch(int epoch) {
        leaderEpoch = epoch;
    }

    /** Whether the topic was deleted; a request that looked the partition up earlier must not serve it. */
    public boolean deleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
    }

    /**
     * Appends client batches (modified in place: offsets, epoch) and commits them.
     *
     * @throws io.spool.log.errors.LogException with the Kafka error when the batches are refused
     */
    public AppendResult appendAsLeader(ByteBuf records) {
        AppendResult result = log.appendAsLeader(records, leaderEpoch);
        if (!result.duplicate() && result.lastOffset() >= 0) {
            advanceHighWatermark();
            listener.appended(this);
        }
        return result;
    }

    /** Concurrent appends may finish in any order; reading the log end under the lock keeps the mark monotonic. */
    private synchronized void advanceHighWatermark() {
        long end = log.logEndOffset();
        if (end > log.highWatermark()) {
            log.setHighWatermark(end);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + index;
    }
}
