package io.spool.wire.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.spool.wire.message.ResponseHeader;
import io.spool.wire.protocol.MessageWriter;

import java.util.List;

/**
 * Writes a {@link KafkaResponse} as a size-prefixed frame: the 4-byte size, the response header
 * (correlation id; tagged fields in v1), then the body. The body's parts go out as they are, so
 * records fields are sent without copying (file slices as FileRegions).
 */
@ChannelHandler.Sharable
public final class ResponseEncoder extends MessageToMessageEncoder<KafkaResponse> {
    public static final ResponseEncoder INSTANCE = new ResponseEncoder();

    private ResponseEncoder() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, KafkaResponse response, List<Object> out) {
        MessageWriter writer = new MessageWriter(ctx.alloc());
        try {
            writer.writeInt32(0);
            new ResponseHeader().setCorrelationId(response.correlationId()).write(writer, response.headerVersion());
            response.body().write(writer, response.version());
            long size = writer.size() - Integer.BYTES;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalStateException("response of " + size + " bytes does not fit a frame");
            }
            List<Object> parts = writer.finish();
            // The size slot is at the start of the first part, which always holds the header.
            ((ByteBuf) parts.get(0)).setInt(0, (int) size);
            out.addAll(parts);
        } catch (RuntimeException e) {
            writer.discard();
            throw e;
        }
    }
}
