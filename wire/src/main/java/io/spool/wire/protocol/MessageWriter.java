package io.spool.wire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Encodes a message into an ordered list of outbound parts: pooled ByteBufs for the fields, and
 * the records fields as they are (a retained ByteBuf or a sendfile FileRegion), so record bytes are
 * never copied. The caller writes {@link #finish()}'s parts to the channel in order.
 */
public final class MessageWriter {
    private static final int CHUNK = 1024;

    private final ByteBufAllocator allocator;
    private final List<Object> parts = new ArrayList<>(4);
    private ByteBuf current;
    private long bytesInParts;

    public MessageWriter(ByteBufAllocator allocator) {
        this.allocator = allocator;
        this.current = allocator.buffer(CHUNK);
    }

    /** The buffer that fixed-size fields are written to; it grows as needed. */
    public ByteBuf buffer() {
        return current;
    }

    public void writeBool(boolean v) {
        current.writeByte(v ? 1 : 0);
    }

    public void writeInt8(int v) {
        current.writeByte(v);
    }

    public void writeInt16(int v) {
        current.writeShort(v);
    }

    public void writeInt32(int v) {
        current.writeInt(v);
    }

    /** The low 32 bits of {@code v}: the uint32 type. */
    public void writeUint32(long v) {
        current.writeInt((int) v);
    }

    public void writeInt64(long v) {
        current.writeLong(v);
    }

    public void writeDouble(double v) {
        current.writeDouble(v);
    }

    public void writeUuid(UUID v) {
        current.writeLong(v.getMostSignificantBits());
        current.writeLong(v.getLeastSignificantBits());
    }

    public void writeBytes(byte[] bytes) {
        current.writeBytes(bytes);
    }

    /** A string with an int16 length (classic) or unsigned varint length + 1 (compact); null as -1 / 0. */
    public void writeString(String s, boolean compact, boolean nullable) {
        if (s == null) {
            requireNullable(nullable, "string");
            if (compact) {
                writeUnsignedVarint(0);
            } else {
                current.writeShort(-1);
            }
            return;
        }
        int length = ByteBufUtil.utf8Bytes(s);
        if (length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + length + " UTF-8 bytes is too long for the protocol");
        }
        if (compact) {
            writeUnsignedVarint(length + 1);
        } else {
            current.writeShort(length);
        }
        ByteBufUtil.reserveAndWriteUtf8(current, s, length);
    }

    /** Bytes with an int32 length (classic) or unsigned varint length + 1 (compact); null as -1 / 0. */
    public void writeBytes(byte[] bytes, boolean compact, boolean nullable) {
        if (bytes == null) {
            requireNullable(nullable, "bytes");
            writeLength(-1, compact);
            return;
        }
        writeLength(bytes.length, compact);
        current.writeBytes(bytes);
    }

    /** A records field: its length prefix (encoded like bytes), then the records as their own part. */
    public void writeRecords(Records records, boolean compact, boolean nullable) {
        if (records == null) {
            requireNullable(nullable, "records");
            writeLength(-1, compact);
            return;
        }
        writeLength(records.sizeInBytes(), compact);
        writeRecords(records);
    }

    /** An array: int32 count (classic) or unsigned varint count + 1 (compact), then each element. */
    public <T> void writeArray(List<T> list, boolean compact, boolean nullable, BiConsumer<MessageWriter, T> element) {
        if (list == null) {
            requireNullable(nullable, "array");
            writeLength(-1, compact);
            return;
        }
        writeLength(list.size(), compact);
        for (T e : list) {
            element.accept(this, e);
        }
    }

    /** A struct field; when {@code nullable}, preceded by a presence byte (-1 null, 1 present). */
    public void writeStruct(Message struct, short version, boolean nullable) {
        if (nullable) {
            current.writeByte(struct == null ? -1 : 1);
        } else if (struct == null) {
            requireNullable(false, "struct");
        }
        if (struct != null) {
            struct.write(this, version);
        }
    }

    /**
     * Starts a tagged field: writes the tag and reserves one byte for the size, which
     * {@link #endTaggedField} fills in. Tagged values are plain bytes (never records).
     */
    public int beginTaggedField(int tag) {
        writeUnsignedVarint(tag);
        current.writeByte(0);
        return current.writerIndex();
    }

    /** Ends a tagged field begun at {@code mark}, writing its size in front of its value. */
    public void endTaggedField(int mark) {
        int size = current.writerIndex() - mark;
        if (size < 0x80) {
            current.setByte(mark - 1, size);
            return;
        }
        // Rare: the size needs more than the one reserved byte, so move the value behind it.
        byte[] value = new byte[size];
        current.getBytes(mark, value);
        current.writerIndex(mark - 1);
        writeUnsignedVarint(size);
        current.writeBytes(value);
    }

    public void writeUnsignedVarint(int v) {
        while ((v & 0xFFFFFF80) != 0) {
            current.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        current.writeByte(v);
    }

    public void writeVarint(int v) {
        writeUnsignedVarint((v << 1) ^ (v >> 31));
    }

    public void writeVarlong(long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & 0xFFFFFFFFFFFFFF80L) != 0) {
            current.writeByte(((int) z & 0x7F) | 0x80);
            z >>>= 7;
        }
        current.writeByte((int) z);
    }

    /** Adds the records' bytes as their own part: no copy. The length prefix is the caller's. */
    public void writeRecords(Records records) {
        if (records.sizeInBytes() == 0) {
            return;
        }
        closeCurrent();
        if (records instanceof BufferRecords b) {
            parts.add(b.buffer().retainedSlice());
        } else if (records instanceof FileSliceRecords f) {
            parts.add(new SharedFileRegion(f.channel(), f.position(), f.size()));
        }
        bytesInParts += records.sizeInBytes();
        current = allocator.buffer(CHUNK);
    }

    /** A length of bytes, records or an array; -1 is null (0 when compact). */
    private void writeLength(int length, boolean compact) {
        if (compact) {
            writeUnsignedVarint(length + 1);
        } else {
            current.writeInt(length);
        }
    }

    private static void requireNullable(boolean nullable, String what) {
        if (!nullable) {
            throw new IllegalStateException("null " + what + " where the version does not allow null");
        }
    }

    /** Bytes written so far. */
    public long size() {
        return bytesInParts + current.readableBytes();
    }

    /** The encoded parts, in order; ownership passes to the caller. */
    public List<Object> finish() {
        closeCurrent();
        current = null;
        return parts;
    }

    /** Releases everything written, for when encoding fails half way. */
    public void discard() {
        if (current != null) {
            current.release();
            current = null;
        }
        parts.forEach(ReferenceCountUtil::release);
        parts.clear();
    }

    private void closeCurrent() {
        if (current.isReadable()) {
            parts.add(current);
            bytesInParts += current.readableBytes();
        } else {
            current.release();
        }
    }
}
