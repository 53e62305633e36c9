package io.spool.replication.fetcher;

import io.spool.log.TopicPartition;
import io.spool.log.time.Time;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.ReplicaConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The follower fetchers of this broker: {@code num.replica.fetchers} threads per leader broker,
 * a partition going to the one its hash picks. Fetchers start with their first partition and stop
 * when their last one is removed.
 */
public final class ReplicaFetcherManager {
    private record FetcherKey(int leaderId, BrokerEndpoint endpoint, int index) {
    }

    private final int brokerId;
    private final ReplicaConfig config;
    private final Time time;
    private final Map<FetcherKey, ReplicaFetcher> fetchers = new HashMap<>();
    private final Map<TopicPartition, FetcherKey> assigned = new HashMap<>();

    public ReplicaFetcherManager(int brokerId, ReplicaConfig config, Time time) {
        this.brokerId = brokerId;
        this.config = config;
        this.time = time;
    }

    /** Starts copying {@code partition} from {@code leaderId} at {@code endpoint} in the partition's current leader epoch. */
    public synchronized void add(Partition partition, int leaderId, BrokerEndpoint endpoint) {
        remove(partition.topicPartition());
        FetcherKey key = new FetcherKey(leaderId, endpoint, Math.floorMod(partition.topicPartition().hashCode(), config.numFetchers()));
        ReplicaFetcher fetcher = fetchers.get(key);
        if (fetcher == null) {
            fetcher = new ReplicaFetcher(brokerId, leaderId, endpoint, key.index(), config, time);
            fetchers.put(key, fetcher);
            fetcher.start();
        }
        fetcher.add(partition, partition.leaderEpoch());
        assigned.put(partition.topicPartition(), key);
    }

    /** Whether the partition is being copied from {@code leaderId} at {@code endpoint}. */
    public synchronized boolean isFetching(TopicPartition tp, int leaderId, BrokerEndpoint endpoint) {
        FetcherKey key = assigned.get(tp);
        return key != null && key.leaderId() == leaderId && key.endpoint().equals(endpoint);
    }

    public synchronized void remove(TopicPartition tp) {
        FetcherKey key = assigned.remove(tp);
        if (key == null) {
            return;
        }
        ReplicaFetcher fetcher = fetchers.get(key);
        fetcher.remove(tp);
        if (fetcher.isEmpty()) {
            fetchers.remove(key);
            fetcher.shutdown();
        }
    }

    public void shutdown() {
        List<ReplicaFetcher> all;
        synchronized (this) {
            all = new ArrayList<>(fetchers.values());
            fetchers.clear();
            assigned.clear();
        }
        all.forEach(ReplicaFetcher::shutdown);
    }
}
