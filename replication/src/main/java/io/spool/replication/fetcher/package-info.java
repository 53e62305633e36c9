/**
 * Follower fetchers: one thread per (leader broker, fetcher index) sending Fetch requests with the
 * follower's replica id over a blocking socket, appending what comes back and truncating where the
 * leader says the histories diverge. Knows the wire messages and the partitions; never the broker.
 */
package io.spool.replication.fetcher;
