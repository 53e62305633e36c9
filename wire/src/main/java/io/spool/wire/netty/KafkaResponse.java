package io.spool.wire.netty;

import io.spool.wire.protocol.ApiMessage;

/** An outbound response: the body, the version to write it in, and the header that precedes it. */
public record KafkaResponse(int correlationId, short headerVersion, ApiMessage body, short version) {
}
