/**
 * The broker's side of consumer groups: {@code __consumer_offsets} hosted on the topic registry and
 * the partition manager, the topic lookups the group coordinator needs, and bringing the topic into
 * service (created on first use, every partition loaded, as this broker leads them all). Must not
 * depend on the network or the API handlers.
 */
package io.spool.broker.group;
