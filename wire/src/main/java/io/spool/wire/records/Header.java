package io.spool.wire.records;

import io.netty.buffer.ByteBuf;

/** A record header for {@link RecordBatchBuilder}: a UTF-8 key and a value that may be null. */
public record Header(String key, ByteBuf value) {
    public Header {
        if (key == null) {
            throw new IllegalArgumentException("header key must not be null");
        }
    }
}
