/**
 * Topic administration: CreateTopics, DeleteTopics and ElectLeaders, validated as Kafka validates
 * them and carried out through ZooKeeper (the topic manager, the controller's request znodes).
 */
package io.spool.broker.api.topics;
