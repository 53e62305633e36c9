package io.spool.wire.records;

import io.netty.buffer.ByteBuf;

/**
 * Reads record fields (bytes, zig-zag varints and varlongs, length-prefixed byte ranges) from a
 * range of a ByteBuf by position, never past its limit: running out is a CorruptRecordException,
 * not an IndexOutOfBoundsException. Reusable; does not touch the buffer's indexes.
 */
final class FieldReader {
    private ByteBuf buf;
    private int pos;
    private int limit;

    void reset(ByteBuf buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return limit - pos;
    }

    byte readByte(String field) {
        need(1, field);
        return buf.getByte(pos++);
    }

    int readVarint(String field) {
        return readVarint(field, "");
    }

    // Errors name the field as field + detail: the two are joined only when one is thrown, not per record.
    private int readVarint(String field, String detail) {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            need(1, field, detail);
            int b = buf.getByte(pos++);
            raw |= (b & 0x7F) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptRecordException(field + detail + " is a varint longer than 5 bytes");
    }

    long readVarlong(String field) {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            need(1, field);
            int b = buf.getByte(pos++);
            raw |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptRecordException(field + " is a varlong longer than 10 bytes");
    }

    /**
     * Reads a varint length and skips that many bytes, returning the length; -1 (null) is accepted
     * only if {@code nullable}. The bytes start at {@link #position()} minus the length.
     */
    int readLengthAndSkip(String field, boolean nullable) {
        int length = readVarint(field, " length");
        if (length < (nullable ? -1 : 0)) {
            throw new CorruptRecordException(field + " has invalid length " + length);
        }
        if (length > 0) {
            need(length, field);
            pos += length;
        }
        return length;
    }

    private void need(int n, String field) {
        need(n, field, "");
    }

    private void need(int n, String field, String detail) {
        if (limit - pos < n) {
            throw new CorruptRecordException("record is truncated: " + field + detail + " needs " + n + " bytes, "
                    + (limit - pos) + " remain");
        }
    }
}
