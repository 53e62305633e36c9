/**
 * Replication: cluster metadata on ZooKeeper and the controller, partitions as leaders and
 * followers. Knows the log and the wire, never the broker's network server or its handlers.
 */
package io.spool.replication;
