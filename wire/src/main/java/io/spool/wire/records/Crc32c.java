package io.spool.wire.records;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C over a range of a ByteBuf, read through its NIO views so the bytes are not copied. */
final class Crc32c {
    private Crc32c() {
    }

    static long compute(ByteBuf buf, int index, int length) {
        CRC32C crc = new CRC32C();
        if (buf.nioBufferCount() == 1) {
            crc.update(buf.nioBuffer(index, length));
        } else {
            // Composite buffers: one NIO view per component, still no copy.
            for (ByteBuffer part : buf.nioBuffers(index, length)) {
                crc.update(part);
            }
        }
        return crc.getValue();
    }
}
