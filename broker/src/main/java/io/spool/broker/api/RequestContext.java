package io.spool.broker.api;

import io.spool.wire.netty.KafkaRequest;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What a handler knows about a request besides its body: the request (header, version), the
 * listener it came in on, and the connection's event loop as a scheduler for delayed answers.
 */
public record RequestContext(KafkaRequest request, String listenerName, ScheduledExecutorService scheduler) {
    public short version() {
        return request.version();
    }
}
