/**
 * The partitions this broker hosts: one {@link io.spool.broker.partition.Partition} per topic
 * partition, wrapping its log, looked up by topic name or id, created and deleted as the topic
 * registry changes. Depends on the log module; no protocol types here.
 */
package io.spool.broker.partition;
