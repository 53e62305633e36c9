/**
 * The socket server: Netty transport choice, one bound channel per listener, and the per-connection
 * handler that dispatches requests and sends responses in request order. Knows handlers only through
 * {@link io.spool.broker.api.HandlerRegistry}.
 */
package io.spool.broker.network;
