/**
 * What the broker tells clients about the cluster: its id, this node and the endpoints it advertises
 * per listener. A single node today; replication replaces it with ZooKeeper-backed metadata.
 */
package io.spool.broker.cluster;
