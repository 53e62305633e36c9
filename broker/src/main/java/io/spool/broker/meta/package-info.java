/**
 * Identity stored with the data: each log directory's meta.properties (cluster id, node id), Kafka's
 * base64 UUID text form, and atomic small-file writes. Depends on the JDK only.
 */
package io.spool.broker.meta;
