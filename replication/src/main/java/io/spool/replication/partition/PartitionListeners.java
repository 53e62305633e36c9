package io.spool.replication.partition;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Several partition listeners as one, added as the broker's parts come up (the group coordinator after the replicas). */
public final class PartitionListeners implements PartitionListener {
    private final List<PartitionListener> listeners = new CopyOnWriteArrayList<>();

    public void add(PartitionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void appended(Partition partition) {
        for (PartitionListener l : listeners) {
            l.appended(partition);
        }
    }

    @Override
    public void highWatermarkMoved(Partition partition) {
        for (PartitionListener l : listeners) {
            l.highWatermarkMoved(partition);
        }
    }

    @Override
    public void leadershipChanged(Partition partition, boolean leader) {
        for (PartitionListener l : listeners) {
            l.leadershipChanged(partition, leader);
        }
    }
}
