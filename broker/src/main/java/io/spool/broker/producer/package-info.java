/**
 * Producer id allocation for idempotent producers: blocks of ids reserved in ZooKeeper before use,
 * so an id is never reused in the cluster. No network protocol code.
 */
package io.spool.broker.producer;
