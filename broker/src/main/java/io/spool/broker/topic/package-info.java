/**
 * The topic registry as brokers use it: topics read from the metadata image, created and deleted
 * through ZooKeeper (assignment by the controller's rules, deletion by the controller). Knows
 * nothing of logs, the network or the protocol.
 */
package io.spool.broker.topic;
