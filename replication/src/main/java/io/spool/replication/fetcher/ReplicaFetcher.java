package io.spool.replication.fetcher;

import io.spool.log.Log;
import io.spool.log.TopicPartition;
import io.spool.log.epoch.EpochEntry;
import io.spool.log.errors.LogException;
import io.spool.log.time.Time;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.ReplicaConfig;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.FetchRequest;
import io.spool.wire.message.FetchRequest.FetchPartition;
import io.spool.wire.message.FetchRequest.FetchTopic;
import io.spool.wire.message.FetchResponse;
import io.spool.wire.message.FetchResponse.EpochEndOffset;
import io.spool.wire.message.FetchResponse.FetchableTopicResponse;
import io.spool.wire.message.FetchResponse.PartitionData;
import io.spool.wire.protocol.BufferRecords;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One follower fetcher thread: copies the partitions it is given from one leader broker by
 * sending Fetch v12 (replica id in the request, current leader epoch and last fetched epoch per
 * partition, no fetch session) in a loop. Batches are appended as they came; a diverging epoch in
 * the answer truncates the log where the leader's history differs (KIP-595 style), after which
 * the next fetch starts from the new log end. Partition errors and connection failures back off
 * for replica.fetch.backoff.ms; a new image moves the partition elsewhere if leadership changed.
 */
final class ReplicaFetcher implements Runnable {
    static final short FETCH_VERSION = 12;
    private static final System.Logger LOG = System.getLogger(ReplicaFetcher.class.getName());
    private static final short NONE = 0;
    private static final short OFFSET_OUT_OF_RANGE = 1;

    /** A partition this fetcher copies, in the leader epoch it was added for, with its back-off deadline. */
    private static final class Fetched {
        final Partition partition;
        final int leaderEpoch;
        volatile long backoffUntilMs;

        Fetched(Partition partition, int leaderEpoch) {
            this.partition = partition;
            this.leaderEpoch = leaderEpoch;
        }
    }

    private final int brokerId;
    private final BrokerEndpoint leader;
    private final ReplicaConfig config;
    private final Time time;
    private final String name;
    private final Map<TopicPartition, Fetched> partitions = new ConcurrentHashMap<>();
    private final Object wakeup = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile BrokerConnection connection;

    ReplicaFetcher(int brokerId, int leaderId, BrokerEndpoint leader, int index, ReplicaConfig config, Time time) {
        this.brokerId = brokerId;
        this.leader = leader;
        this.config = config;
        this.time = time;
        this.name = "spool-replica-fetcher-" + leaderId + "-" + index;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void add(Partition partition, int leaderEpoch) {
        partitions.put(partition.topicPartition(), new Fetched(partition, leaderEpoch));
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    /** Stops copying the partition; an answer already in flight for it is refused by the partition's epoch check. */
    void remove(TopicPartition tp) {
        partitions.remove(tp);
    }

    boolean isEmpty() {
        return partitions.isEmpty();
    }

    /** Stops the thread (closing the socket ends a fetch waiting at the leader) and waits for it. */
    void shutdown() {
        running = false;
        closeConnection();
        thread.interrupt();
        try {
            thread.join(config.socketTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                List<Fetched> ready = ready();
                if (ready.isEmpty()) {
                    idle();
                    continue;
                }
                fetchOnce(ready);
            } catch (IOException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, name + ": fetch from " + leader.host() + ":" + leader.port() + " failed: " + e);
                    closeConnection();
                    pause(config.fetchBackoffMs());
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.ERROR, name + ": unexpected failure", e);
                    closeConnection();
                    pause(config.fetchBackoffMs());
                }
            }
        }
        closeConnection();
    }

    private List<Fetched> ready() {
        long now = time.milliseconds();
        List<Fetched> ready = new ArrayList<>(partitions.size());
        for (Fetched f : partitions.values()) {
            if (f.backoffUntilMs <= now) {
                ready.add(f);
            }
        }
        return ready;
    }

    private void idle() {
        synchronized (wakeup) {
            try {
                wakeup.wait(Math.max(1, config.fetchBackoffMs()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void pause(long ms) {
        try {
            Thread.sleep(Math.max(1, ms));
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private void fetchOnce(List<Fetched> ready) throws IOException {
        BrokerConnection conn = connection;
        if (conn == null) {
            conn = BrokerConnection.open(leader, config.socketTimeoutMs(), "spool-replica-fetcher-" + brokerId,
                    config.fetchResponseMaxBytes() + config.fetchMaxBytes() + (1 << 20));
            connection = conn;
        }
        Map<TopicPartition, Fetched> sent = new LinkedHashMap<>();
        FetchRequest request = request(ready, sent);
        BrokerConnection.Response<FetchResponse> response = conn.send(ApiKey.FETCH, FETCH_VERSION, request, new FetchResponse());
        try {
            if (response.body().errorCode() != NONE) {
                throw new IOException("fetch failed with error " + response.body().errorCode());
            }
            for (FetchableTopicResponse topic : response.body().responses()) {
                for (PartitionData data : topic.partitions()) {
                    Fetched f = sent.get(new TopicPartition(topic.topic(), data.partitionIndex()));
                    if (f != null && partitions.get(f.partition.topicPartition()) == f) {
                        handle(f, data);
                    }
                }
            }
        } finally {
            response.frame().release();
        }
    }

    private FetchRequest request(List<Fetched> ready, Map<TopicPartition, Fetched> sent) {
        Map<String, List<FetchPartition>> byTopic = new LinkedHashMap<>();
        for (Fetched f : ready) {
            Log log = f.partition.log();
            byTopic.computeIfAbsent(f.partition.topic(), t -> new ArrayList<>()).add(new FetchPartition()
                    .setPartition(f.partition.index())
                    .setCurrentLeaderEpoch(f.leaderEpoch)
                    .setFetchOffset(log.logEndOffset())
                    .setLastFetchedEpoch(log.leaderEpochs().latestEpoch().orElse(-1))
                    .setLogStartOffset(log.logStartOffset())
                    .setPartitionMaxBytes(config.fetchMaxBytes()));
            sent.put(f.partition.topicPartition(), f);
        }
        List<FetchTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, parts) -> topics.add(new FetchTopic().setTopic(topic).setPartitions(parts)));
        return new FetchRequest()
                .setReplicaId(brokerId)
                .setMaxWaitMs(config.fetchWaitMaxMs())
                .setMinBytes(config.fetchMinBytes())
                .setMaxBytes(config.fetchResponseMaxBytes())
                .setIsolationLevel((byte) 0)
                .setSessionId(0)
                .setSessionEpoch(-1)
                .setTopics(topics)
                .setForgottenTopicsData(new ArrayList<>(0))
                .setRackId("");
    }

    private void handle(Fetched f, PartitionData data) {
        Partition partition = f.partition;
        try {
            if (data.errorCode() == NONE) {
                EpochEndOffset diverging = data.divergingEpoch();
                if (diverging.epoch() >= 0 && diverging.endOffset() >= 0) {
                    partition.truncateAsFollower(f.leaderEpoch, truncationOffset(partition.log(), diverging.epoch(), diverging.endOffset()));
                } else if (data.records() instanceof BufferRecords records) {
                    partition.appendAsFollower(f.leaderEpoch, records.buffer(), data.highWatermark());
                } else {
                    partition.appendAsFollower(f.leaderEpoch, io.netty.buffer.Unpooled.EMPTY_BUFFER, data.highWatermark());
                }
            } else if (data.errorCode() == OFFSET_OUT_OF_RANGE && partition.log().logEndOffset() > partition.log().highWatermark()) {
                // Past the leader's end (it lost records we hold beyond our committed mark): keep only what was committed.
                partition.truncateAsFollower(f.leaderEpoch, partition.log().highWatermark());
            } else {
                LOG.log(System.Logger.Level.DEBUG, "{0}: leader answered error {1}; backing off", partition, data.errorCode());
                f.backoffUntilMs = time.milliseconds() + config.fetchBackoffMs();
            }
        } catch (LogException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": " + partition + " refused fetched data: " + e.getMessage());
            f.backoffUntilMs = time.milliseconds() + config.fetchBackoffMs();
        }
    }

    /**
     * Where to cut a follower's log when the leader says its history matches ours only up to
     * {@code leaderEnd} in {@code leaderEpoch}: if we know that epoch, at the smaller of the two
     * ends; otherwise at the end of our largest epoch below it (the next fetch compares again).
     */
    static long truncationOffset(Log log, int leaderEpoch, long leaderEnd) {
        long logEnd = log.logEndOffset();
        EpochEntry ours = log.leaderEpochs().endOffsetFor(leaderEpoch, logEnd);
        long target;
        if (ours.epoch() < 0 || ours.startOffset() < 0) {
            target = leaderEnd;
        } else if (ours.epoch() == leaderEpoch) {
            target = Math.min(leaderEnd, ours.startOffset());
        } else {
            target = ours.startOffset();
        }
        return Math.min(target, logEnd);
    }

    private void closeConnection() {
        BrokerConnection conn = connection;
        connection = null;
        if (conn != null) {
            try {
                conn.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
