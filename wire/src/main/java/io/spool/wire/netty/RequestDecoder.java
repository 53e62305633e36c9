package io.spool.wire.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.RequestHeader;
import io.spool.wire.protocol.ApiMessage;

/**
 * Turns request frames into {@link KafkaRequest}s: peeks the API key and version, reads the request
 * header in the version the API's rule gives, then the body. What Kafka would not answer closes the
 * connection, logged once: an unknown API key, a version the {@link VersionPolicy} refuses (except
 * ApiVersions, passed on without a body so it can be answered with UNSUPPORTED_VERSION), or bytes
 * that do not form the message. The frame's ownership passes to the KafkaRequest.
 */
public final class RequestDecoder extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(RequestDecoder.class.getName());

    private final VersionPolicy versions;
    private boolean rejected;

    public RequestDecoder(VersionPolicy versions) {
        this.versions = versions;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (rejected) {
            frame.release();
            return;
        }
        KafkaRequest request;
        try {
            request = decode(frame);
        } catch (RuntimeException e) {
            reject(ctx, "malformed request: " + e.getMessage());
            request = null;
        }
        if (request == null) {
            frame.release();
            return;
        }
        ctx.fireChannelRead(request);
    }

    private KafkaRequest decode(ByteBuf frame) {
        if (frame.readableBytes() < 2 * Short.BYTES) {
            throw new IllegalArgumentException("frame of " + frame.readableBytes() + " bytes has no API key and version");
        }
        short keyId = frame.getShort(frame.readerIndex());
        short version = frame.getShort(frame.readerIndex() + Short.BYTES);
        ApiKey apiKey = ApiKey.forId(keyId);
        if (apiKey == null) {
            throw new IllegalArgumentException("unknown API key " + keyId);
        }
        boolean accepted = versions.accepts(apiKey, version);
        if (!accepted && apiKey != ApiKey.API_VERSIONS) {
            throw new IllegalArgumentException(apiKey.displayName() + " version " + version + " is not supported");
        }
        RequestHeader header = new RequestHeader();
        header.read(frame, apiKey.requestHeaderVersion(version));
        if (!accepted) {
            return new KafkaRequest(apiKey, header, null, frame);
        }
        ApiMessage body = apiKey.newRequest();
        body.read(frame, version);
        return new KafkaRequest(apiKey, header, body, frame);
    }

    private void reject(ChannelHandlerContext ctx, String reason) {
        rejected = true;
        LOG.log(System.Logger.Level.WARNING, "Closing connection from " + ctx.channel().remoteAddress() + ": " + reason);
        ctx.close();
    }
}
