/**
 * The broker's entry point and lifecycle: {@link io.spool.broker.SpoolServer} (main) and
 * {@link io.spool.broker.Broker}, which assembles configuration, storage, handlers and the socket
 * server. Everything else in the broker hangs off sub-packages.
 */
package io.spool.broker;
