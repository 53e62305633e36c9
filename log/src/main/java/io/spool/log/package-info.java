/**
 * The partition log: {@link io.spool.log.Log} (append, read, retention, recovery of one
 * partition), {@link io.spool.log.LogManager} (the log dirs and all their partitions) and
 * {@link io.spool.log.LogConfig}. Depends on the wire module's records and protocol carriers only;
 * never on replication, coordinators or the broker.
 */
package io.spool.log;
