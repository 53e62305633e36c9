package io.spool.broker.api.fetch;

import io.spool.replication.partition.Partition;
import io.spool.replication.partition.PartitionListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches waiting for data, by the partitions they read. An append (what followers read) or a high
 * watermark move (what consumers read) wakes the fetches watching that partition, and so does a
 * leadership change (they answer NOT_LEADER_OR_FOLLOWER); with none waiting it costs one map lookup.
 */
public final class DelayedFetches implements PartitionListener {
    private final Map<Partition, Set<DelayedFetch>> watchers = new ConcurrentHashMap<>();

    void watch(DelayedFetch fetch, List<Partition> partitions) {
        for (Partition p : partitions) {
            watchers.compute(p, (k, set) -> {
                Set<DelayedFetch> s = set == null ? ConcurrentHashMap.newKeySet() : set;
                s.add(fetch);
                return s;
            });
        }
    }

    void unwatch(DelayedFetch fetch, List<Partition> partitions) {
        for (Partition p : partitions) {
            watchers.computeIfPresent(p, (k, set) -> {
                set.remove(fetch);
                return set.isEmpty() ? null : set;
            });
        }
    }

    @Override
    public void appended(Partition partition) {
        wake(partition);
    }

    @Override
    public void highWatermarkMoved(Partition partition) {
        wake(partition);
    }

    @Override
    public void leadershipChanged(Partition partition, boolean leader) {
        wake(partition);
    }

    private void wake(Partition partition) {
        Set<DelayedFetch> waiting = watchers.get(partition);
        if (waiting != null) {
            for (DelayedFetch fetch : waiting) {
                fetch.tryComplete();
            }
        }
    }

    /** Answers every waiting fetch now, so their requests are released before the connections close. */
    public void expireAll() {
        List<DelayedFetch> all = new ArrayList<>();
        watchers.values().forEach(all::addAll);
        all.forEach(DelayedFetch::expire);
    }
}
