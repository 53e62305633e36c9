/**
 * The consumer-group APIs, one handler each: FindCoordinator, JoinGroup, SyncGroup, Heartbeat,
 * LeaveGroup, OffsetCommit, OffsetFetch, OffsetDelete, ListGroups, DescribeGroups, DeleteGroups.
 * They adapt requests to the coordinator module's facade and add what Kafka decides at the API
 * layer; they must not reach into the coordinator's internals or touch Netty channels.
 */
package io.spool.broker.api.group;
