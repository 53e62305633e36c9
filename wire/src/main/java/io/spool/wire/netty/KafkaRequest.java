package io.spool.wire.netty;

import io.netty.buffer.ByteBuf;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.RequestHeader;
import io.spool.wire.protocol.ApiMessage;

/**
 * A decoded request with the frame it was read from. Records fields in {@link #body()} are slices of
 * the frame, so the frame is held until the response is complete and then {@link #release()}d.
 * An ApiVersions request of a version we do not serve arrives with a null body
 * ({@link #versionUnsupported()}): the broker answers it in v0 with its version ranges.
 */
public final class KafkaRequest {
    private final ApiKey apiKey;
    private final RequestHeader header;
    private final ApiMessage body;
    private final ByteBuf frame;

    KafkaRequest(ApiKey apiKey, RequestHeader header, ApiMessage body, ByteBuf frame) {
        this.apiKey = apiKey;
        this.header = header;
        this.body = body;
        this.frame = frame;
    }

    public ApiKey apiKey() {
        return apiKey;
    }

    public short version() {
        return header.requestApiVersion();
    }

    public RequestHeader header() {
        return header;
    }

    public int correlationId() {
        return header.correlationId();
    }

    /** The request body; null when {@link #versionUnsupported()}. */
    public ApiMessage body() {
        return body;
    }

    public boolean versionUnsupported() {
        return body == null;
    }

    /** The version the response is written in: the request's, or 0 for an unsupported ApiVersions version. */
    public short responseVersion() {
        return versionUnsupported() ? 0 : version();
    }

    /** Releases the frame; call once, after the response has been written (or dropped). */
    public void release() {
        frame.release();
    }

    @Override
    public String toString() {
        return apiKey.displayName() + " v" + version() + " (correlation id " + correlationId() + ", client " + header.clientId() + ")";
    }
}
