/**
 * Failures of log operations, each naming the Kafka error code a response should carry.
 * Depends on nothing; every other log package may use it.
 */
package io.spool.log.errors;
