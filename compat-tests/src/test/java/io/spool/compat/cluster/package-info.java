/**
 * Replicated Spool clusters on loopback: a ZooKeeper server in the test JVM, several broker processes, and the
 * fault tests that kill, pause and restart them under stock clients. Depends on no Spool code, only on the
 * single-broker harness of {@code io.spool.compat}.
 */
package io.spool.compat.cluster;
