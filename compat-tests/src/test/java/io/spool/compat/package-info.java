/**
 * Stock Kafka clients (Java kafka-clients of two generations, kcat, Kafka's own command-line tools in forked JVMs)
 * against a Spool broker started as a separate process from the packaged jar. Depends on no Spool code: everything
 * goes over the network.
 */
package io.spool.compat;
