/**
 * Protocol runtime shared by the generated message classes: primitive readers and writers over
 * Netty ByteBufs, the message contracts, and the zero-copy {@link io.spool.wire.protocol.Records}
 * carriers. Depends on Netty only; never on the log or the broker.
 */
package io.spool.wire.protocol;
