package io.spool.wire.records;

import io.netty.buffer.ByteBuf;

/**
 * The record a {@link RecordReader} is positioned on: its fields are parsed (and every length
 * checked) once per record, and key, value and headers are exposed as index + length into
 * {@link #buffer()}, so walking records creates no objects. {@link #key()} and {@link #value()} are
 * conveniences that create a slice (a view, not a copy). Everything is valid until the reader moves.
 *
 * <pre>
 * length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
 * keyLength varint (-1 = null) | key | valueLength varint (-1 = null) | value |
 * headerCount varint | (headerKeyLength varint | headerKey | headerValueLength varint (-1 = null) | headerValue)*
 * </pre>
 */
public final class RecordView {
    private final FieldReader reader = new FieldReader();
    private final HeaderCursor headers = new HeaderCursor();

    private long baseOffset;
    private long baseTimestamp;
    private long logAppendTime;
    private boolean isLogAppendTime;

    private ByteBuf buf;
    private int sizeInBytes;
    private byte attributes;
    private long timestampDelta;
    private int offsetDelta;
    private int keyIndex;
    private int keyLength;
    private int valueIndex;
    private int valueLength;
    private int headerCount;
    private int headersIndex;
    private int end;

    /** Takes the batch fields that records are relative to. */
    void startBatch(RecordBatch batch) {
        baseOffset = batch.baseOffset();
        baseTimestamp = batch.baseTimestamp();
        isLogAppendTime = batch.timestampType() == TimestampType.LOG_APPEND_TIME;
        logAppendTime = batch.maxTimestamp();
    }

    /**
     * Parses the record body of {@code bodyLength} bytes at {@code bodyIndex} of {@code buf}, whose
     * length prefix took {@code prefixLength} bytes. The fields must use up the body exactly.
     */
    void parse(ByteBuf buf, int bodyIndex, int bodyLength, int prefixLength) {
        this.buf = buf;
        this.sizeInBytes = prefixLength + bodyLength;
        this.end = bodyIndex + bodyLength;
        reader.reset(buf, bodyIndex, end);
        attributes = reader.readByte("record attributes");
        timestampDelta = reader.readVarlong("record timestamp delta");
        offsetDelta = reader.readVarint("record offset delta");
        keyLength = reader.readLengthAndSkip("record key", true);
        keyIndex = reader.position() - Math.max(keyLength, 0);
        valueLength = reader.readLengthAndSkip("record value", true);
        valueIndex = reader.position() - Math.max(valueLength, 0);
        headerCount = reader.readVarint("record header count");
        if (headerCount < 0) {
            throw new CorruptRecordException("record has invalid header count " + headerCount);
        }
        headersIndex = reader.position();
        for (int i = 0; i < headerCount; i++) {
            reader.readLengthAndSkip("record header key", false);
            reader.readLengthAndSkip("record header value", true);
        }
        if (reader.remaining() != 0) {
            throw new CorruptRecordException("record declares " + bodyLength + " bytes but its fields take "
                    + (bodyLength - reader.remaining()));
        }
    }

    /** Bytes the record takes in the (decompressed) records section, length prefix included. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    public byte attributes() {
        return attributes;
    }

    public long timestampDelta() {
        return timestampDelta;
    }

    public int offsetDelta() {
        return offsetDelta;
    }

    public long offset() {
        return baseOffset + offsetDelta;
    }

    /** The record's timestamp; in a LogAppendTime batch every record has the batch's max timestamp. */
    public long timestamp() {
        return isLogAppendTime ? logAppendTime : baseTimestamp + timestampDelta;
    }

    /** The buffer the key, value and header indexes refer to. */
    public ByteBuf buffer() {
        return buf;
    }

    public boolean hasKey() {
        return keyLength >= 0;
    }

    public int keyIndex() {
        return keyIndex;
    }

    /** Key length in bytes, -1 for a null key. */
    public int keyLength() {
        return keyLength;
    }

    /** A slice over the key (no copy, not retained), or null. */
    public ByteBuf key() {
        return keyLength < 0 ? null : buf.slice(keyIndex, keyLength);
    }

    public boolean hasValue() {
        return valueLength >= 0;
    }

    public int valueIndex() {
        return valueIndex;
    }

    /** Value length in bytes, -1 for a null value (a tombstone). */
    public int valueLength() {
        return valueLength;
    }

    /** A slice over the value (no copy, not retained), or null. */
    public ByteBuf value() {
        return valueLength < 0 ? null : buf.slice(valueIndex, valueLength);
    }

    public int headerCount() {
        return headerCount;
    }

    /** This record's headers, from the first; the cursor is reused, one per view. */
    public HeaderCursor headers() {
        headers.reset(buf, headersIndex, end, headerCount);
        return headers;
    }
}
