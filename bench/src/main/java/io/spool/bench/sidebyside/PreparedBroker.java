package io.spool.bench.sidebyside;

import java.net.InetSocketAddress;

/** A configured broker ready to start: its command and where it will listen for clients. */
record PreparedBroker(ProcessBuilder command, InetSocketAddress address) {
}
