/**
 * The partitions this broker hosts: one {@link io.spool.broker.partition.Partition} per topic
 * partition, looked up by name or topic id. Created and removed as the topic registry changes;
 * no protocol types here.
 */
package io.spool.broker.partition;
