/**
 * The consumer-group APIs: FindCoordinator, the membership APIs (JoinGroup, SyncGroup, Heartbeat,
 * LeaveGroup), offsets (OffsetCommit, OffsetFetch, OffsetDelete) and group administration
 * (ListGroups, DescribeGroups, DeleteGroups). Groups themselves live in the coordinator module;
 * these handlers adapt requests to it and add what Kafka decides at the API layer.
 */
package io.spool.broker.api.group;
