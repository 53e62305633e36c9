/**
 * Producer id allocation for idempotent producers: ids are handed out from blocks whose upper bound
 * is made durable first, so an id is never reused after a restart. No network or protocol code.
 */
package io.spool.broker.producer;
