/**
 * Handlers that describe the broker and the cluster: ApiVersions, Metadata, DescribeCluster.
 * They read the topic registry and cluster view; they never touch logs directly.
 */
package io.spool.broker.api.metadata;
