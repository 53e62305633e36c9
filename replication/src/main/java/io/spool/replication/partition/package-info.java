/**
 * Partitions as leaders and followers: the replicated {@link io.spool.replication.partition.Partition}
 * (high watermark, ISR, waiting acks=all produces) and the {@link io.spool.replication.partition.ReplicaManager}
 * that applies cluster images to them. Knows the log, the cluster contract and the fetchers; never the broker.
 */
package io.spool.replication.partition;
