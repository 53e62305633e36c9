package io.spool.coordinator;

import io.netty.buffer.ByteBuf;
import io.spool.log.Log;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code __consumer_offsets} topic as the broker hosts it: the broker registers the topic, owns
 * its partitions' logs and knows which partitions this node leads.
 */
public interface OffsetsTopic {
    String NAME = "__consumer_offsets";

    /** The topic's partition count, or empty while the topic does not exist. */
    OptionalInt partitionCount();

    /**
     * Creates the topic unless it exists, and returns its partition count. May block (the
     * coordinator calls it off its event loop).
     */
    int createIfAbsent(int partitions, short replicationFactor, Map<String, String> configs);

    /** The log of a partition this node leads, for replaying it; empty if there is none here. */
    Optional<Log> log(int partition);

    /**
     * Appends one record batch to a partition as its leader. The bytes are written (or copied)
     * before this returns, so the caller keeps and releases {@code batch}. The future completes
     * once the records are committed (with the batch's last offset), or fails with a
     * {@link io.spool.log.errors.LogException} carrying the Kafka error, or an
     * {@link IllegalStateException} when this node no longer leads the partition.
     */
    CompletableFuture<Long> append(int partition, ByteBuf batch);
}
