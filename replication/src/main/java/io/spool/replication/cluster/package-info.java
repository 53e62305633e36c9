/**
 * The cluster as a broker sees it: immutable snapshots ({@link io.spool.replication.cluster.ClusterImage})
 * of live brokers, topics, replica assignments and partition states, published on every change.
 * Plain data; no ZooKeeper, no I/O.
 */
package io.spool.replication.cluster;
