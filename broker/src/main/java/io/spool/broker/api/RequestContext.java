package io.spool.broker.api;

import io.spool.wire.message.RequestHeader;
import io.spool.wire.netty.KafkaRequest;

import java.net.SocketAddress;

/** What a handler knows about a request besides its body: the header, the version, and the connection it came on. */
public record RequestContext(KafkaRequest request, String listenerName, SocketAddress clientAddress) {
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
