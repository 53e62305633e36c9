package io.spool.broker.api;

import io.spool.wire.netty.KafkaRequest;

import java.net.SocketAddress;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a handler knows about a request besides its body: the request (header, version), the
 * listener it came in on, the client's address (group members are described with it), and the
 * connection's event loop as a scheduler for delayed answers.
 */
public record RequestContext(KafkaRequest request, String listenerName, SocketAddress clientAddress,
                             ScheduledExecutorService scheduler) {
    public short version() {
        return request.version();
    }

    /** The header's client id; null when the client sent none. */
    public String clientId() {
        return request.header().clientId();
    }
}
