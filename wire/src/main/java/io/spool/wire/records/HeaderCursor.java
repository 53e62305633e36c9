package io.spool.wire.records;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Walks the headers of the current record: call {@link #next()} then read the header's key and
 * value as index + length into {@link #buffer()}. The record was checked when it was parsed, so
 * walking cannot fail.
 */
public final class HeaderCursor {
    private final FieldReader reader = new FieldReader();
    private ByteBuf buf;
    private int left;
    private int keyIndex;
    private int keyLength;
    private int valueIndex;
    private int valueLength;

    void reset(ByteBuf buf, int index, int limit, int count) {
        this.buf = buf;
        this.left = count;
        reader.reset(buf, index, limit);
    }

    /** Moves to the next header; false when there are no more. */
    public boolean next() {
        if (left == 0) {
            return false;
        }
        left--;
        keyLength = reader.readLengthAndSkip("record header key", false);
        keyIndex = reader.position() - keyLength;
        valueLength = reader.readLengthAndSkip("record header value", true);
        valueIndex = reader.position() - Math.max(valueLength, 0);
        return true;
    }

    public ByteBuf buffer() {
        return buf;
    }

    public int keyIndex() {
        return keyIndex;
    }

    public int keyLength() {
        return keyLength;
    }

    /** The key decoded as UTF-8, as Kafka defines header keys (creates a String). */
    public String keyAsString() {
        return buf.toString(keyIndex, keyLength, StandardCharsets.UTF_8);
    }

    public boolean hasValue() {
        return valueLength >= 0;
    }

    public int valueIndex() {
        return valueIndex;
    }

    /** Value length in bytes, -1 for a null value. */
    public int valueLength() {
        return valueLength;
    }

    /** A slice over the value (no copy, not retained), or null. */
    public ByteBuf value() {
        return valueLength < 0 ? null : buf.slice(valueIndex, valueLength);
    }
}
