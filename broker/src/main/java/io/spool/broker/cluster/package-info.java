/**
 * The cluster as this broker sees it: the latest ClusterImage from the ZooKeeper metadata cache,
 * this broker's id and advertised endpoints. No protocol code.
 */
package io.spool.broker.cluster;
