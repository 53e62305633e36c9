/**
 * The topic registry: which topics exist (name, topic id, partition count, config overrides), kept
 * behind {@link io.spool.broker.topic.TopicStore} so ZooKeeper can replace the local-file store.
 * Knows nothing of logs, the network or the protocol.
 */
package io.spool.broker.topic;
