/**
 * Produce: appends client batches to hosted partitions and answers per partition with Kafka's
 * errors. Depends on the partition layer and the log's error codes; no Netty channel code.
 */
package io.spool.broker.api.produce;
