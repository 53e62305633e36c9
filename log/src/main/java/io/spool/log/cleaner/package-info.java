/**
 * Log compaction ({@code cleanup.policy=compact}): the cleaner threads, the choice of the dirtiest
 * log, the key-to-offset map, the rewrite of segments and their swap into the log. Depends on
 * io.spool.log (Log, LogConfig), its segment, checkpoint and time packages and the wire records;
 * of io.spool.log only the LogManager refers back to it. Never on replication or the broker.
 */
package io.spool.log.cleaner;
