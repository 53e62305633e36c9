package io.spool.wire.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the inbound stream into request frames: a 4-byte big-endian size, then that many bytes.
 * Emits each frame as a retained slice of the cumulation buffer, so nothing is allocated for a
 * frame before its bytes have arrived. A negative size or one above the limit
 * ({@code socket.request.max.bytes}) closes the connection, logged once.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private static final System.Logger LOG = System.getLogger(FrameDecoder.class.getName());

    private final int maxFrameBytes;
    private boolean rejected;

    public FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Integer.BYTES) {
            return;
        }
        int size = in.getInt(in.readerIndex());
        if (size < 0 || size > maxFrameBytes) {
            rejected = true;
            in.skipBytes(in.readableBytes());
            LOG.log(System.Logger.Level.WARNING, "Closing connection from " + ctx.channel().remoteAddress()
                    + ": request size " + size + " is outside [0, " + maxFrameBytes + "] (socket.request.max.bytes)");
            ctx.close();
            return;
        }
        if (in.readableBytes() - Integer.BYTES < size) {
            return;
        }
        in.skipBytes(Integer.BYTES);
        out.add(in.readRetainedSlice(size));
    }
}
