/**
 * Cluster metadata on ZooKeeper: the znode layout and its text formats, the embedded server, the
 * Curator connection, the store of writes and the metadata cache that publishes ClusterImages.
 * Knows nothing of the broker, the network protocol or logs.
 */
package io.spool.replication.zk;
