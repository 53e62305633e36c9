package io.spool.wire.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Records held in a ByteBuf. On decode this is a slice of the request frame, valid while the frame
 * is retained (the dispatcher holds the frame until the response is complete); it is not retained
 * separately. Writers that put it into an outbound frame retain their own reference.
 */
public record BufferRecords(ByteBuf buffer) implements Records {
    @Override
    public int sizeInBytes() {
        return buffer.readableBytes();
    }
}
