package io.spool.broker.api;

import io.spool.wire.message.RequestHeader;
import io.spool.wire.netty.KafkaRequest;

import java.net.SocketAddress;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a handler knows about a request besides its body: the header, the version, the connection it
 * came on, and that connection's event loop as a scheduler for delayed answers.
 */
public record RequestContext(KafkaRequest request, String listenerName, SocketAddress clientAddress,
                             ScheduledExecutorService scheduler) {
    public short version() {
        return request.version();
    }

    public RequestHeader header() {
        return request.header();
    }

    public String clientId() {
        return request.header().clientId();
    }
}
