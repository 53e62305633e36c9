/**
 * Stock Kafka clients (Java kafka-clients of two generations, kcat) against a Spool broker started as a
 * separate process from the packaged jar. Depends on no Spool code: everything goes over the network.
 */
package io.spool.compat;
