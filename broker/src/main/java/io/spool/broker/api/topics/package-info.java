/**
 * Topic administration: CreateTopics and DeleteTopics, validated as Kafka validates them and
 * carried out through the topic manager (registry first, then logs).
 */
package io.spool.broker.api.topics;
