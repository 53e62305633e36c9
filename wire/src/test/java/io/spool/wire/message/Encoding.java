package io.spool.wire.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.spool.wire.protocol.Message;
import io.spool.wire.protocol.MessageWriter;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Encodes one of our messages into a byte array, releasing every part it produced. */
final class Encoding {
    private Encoding() {
    }

    static byte[] encode(Message message, short version) {
        MessageWriter writer = new MessageWriter(UnpooledByteBufAllocator.DEFAULT);
        try {
            message.write(writer, version);
        } catch (RuntimeException e) {
            writer.discard();
            throw e;
        }
        long size = writer.size();
        List<Object> parts = writer.finish();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object part : parts) {
            ByteBuf buf = (ByteBuf) part;
            byte[] chunk = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), chunk);
            bytes.writeBytes(chunk);
            buf.release();
        }
        if (bytes.size() != size) {
            throw new AssertionError("writer size " + size + " but parts hold " + bytes.size());
        }
        return bytes.toByteArray();
    }
}
