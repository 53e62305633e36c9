/**
 * Broker configuration: Kafka's property names, types and defaults in one table, parsing of
 * server.properties plus command-line overrides, validation at start. Depends on nothing but the JDK.
 */
package io.spool.broker.config;
