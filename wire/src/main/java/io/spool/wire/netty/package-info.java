/**
 * Netty pipeline codecs for Kafka's framing: size-prefixed request frames in, decoded requests out,
 * responses encoded without copying record bytes. Depends on the protocol runtime and generated
 * messages; never on the log or the broker.
 */
package io.spool.wire.netty;
