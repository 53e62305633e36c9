package io.spool.replication.partition;

/**
 * Told what happens to hosted partitions: records appended (followers' fetches may read them), the
 * high watermark moved (consumers' fetches may), leadership gained or lost (the group coordinator
 * loads or unloads its partitions). Called on the thread that caused it; must not block.
 */
public interface PartitionListener {
    default void appended(Partition partition) {
    }

    default void highWatermarkMoved(Partition partition) {
    }

    default void leadershipChanged(Partition partition, boolean leader) {
    }
}
