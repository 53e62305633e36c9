package io.spool.wire.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Static readers of the protocol's primitive types, used by the generated messages. Every read
 * checks the readable bytes first and every length is checked before anything is allocated, so a
 * malformed or hostile frame ends in {@link MessageFormatException}, never in a large allocation.
 */
public final class ProtocolReader {
    /** The all-zero UUID: the protocol's "no id" and the default of uuid fields. */
    public static final UUID ZERO_UUID = new UUID(0L, 0L);
    /** Default of non-nullable bytes fields; shared because a zero-length array cannot change. */
    public static final byte[] EMPTY_BYTES = new byte[0];

    private static final int MAX_STRING_LENGTH = Short.MAX_VALUE;

    private ProtocolReader() {
    }

    public static boolean readBool(ByteBuf in) {
        return need(in, 1).readByte() != 0;
    }

    public static byte readInt8(ByteBuf in) {
        return need(in, 1).readByte();
    }

    public static short readInt16(ByteBuf in) {
        return need(in, 2).readShort();
    }

    public static int readUint16(ByteBuf in) {
        return need(in, 2).readUnsignedShort();
    }

    public static int readInt32(ByteBuf in) {
        return need(in, 4).readInt();
    }

    public static long readUint32(ByteBuf in) {
        return need(in, 4).readUnsignedInt();
    }

    public static long readInt64(ByteBuf in) {
        return need(in, 8).readLong();
    }

    public static double readFloat64(ByteBuf in) {
        return need(in, 8).readDouble();
    }

    public static UUID readUuid(ByteBuf in) {
        need(in, 16);
        return new UUID(in.readLong(), in.readLong());
    }

    /** An unsigned LEB128 varint of at most five bytes. */
    public static int readUnsignedVarint(ByteBuf in) {
        int value = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            byte b = readInt8(in);
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MessageFormatException("varint longer than 5 bytes");
    }

    /** A zig-zag encoded signed varint. */
    public static int readVarint(ByteBuf in) {
        int raw = readUnsignedVarint(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A zig-zag encoded signed varlong of at most ten bytes. */
    public static long readVarlong(ByteBuf in) {
        long raw = 0;
        for (int shift = 0; shift <= 63; shift += 7) {
            byte b = readInt8(in);
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MessageFormatException("varlong longer than 10 bytes");
    }

    /**
     * A string: int16 length (classic) or unsigned varint length + 1 (compact); -1 or 0
     * respectively is null, allowed only when {@code nullable}.
     */
    public static String readString(ByteBuf in, boolean compact, boolean nullable) {
        int length = compact ? readUnsignedVarint(in) - 1 : readInt16(in);
        if (length < 0) {
            return nullOrFail(length, nullable, "string");
        }
        if (length > MAX_STRING_LENGTH) {
            throw new MessageFormatException("string of " + length + " bytes is longer than " + MAX_STRING_LENGTH);
        }
        checkLength(in, length, "string");
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    /** Bytes: int32 length (classic) or unsigned varint length + 1 (compact), copied into an array. */
    public static byte[] readBytes(ByteBuf in, boolean compact, boolean nullable) {
        int length = readLength(in, compact);
        if (length < 0) {
            return nullOrFail(length, nullable, "bytes");
        }
        checkLength(in, length, "bytes");
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /**
     * Records, encoded like bytes but not copied: a slice of {@code in}, valid while the frame
     * that {@code in} belongs to is retained (the caller's concern, so the slice is not retained).
     */
    public static Records readRecords(ByteBuf in, boolean compact, boolean nullable) {
        int length = readLength(in, compact);
        if (length < 0) {
            return nullOrFail(length, nullable, "records");
        }
        checkLength(in, length, "records");
        return new BufferRecords(in.readSlice(length));
    }

    /**
     * An array: int32 count (classic) or unsigned varint count + 1 (compact), then the elements.
     * The count is checked against the readable bytes, each element taking at least
     * {@code minElementSize} bytes, before the list is allocated.
     */
    public static <T> List<T> readArray(ByteBuf in, boolean compact, boolean nullable, int minElementSize,
                                        Function<ByteBuf, T> element) {
        int count = readLength(in, compact);
        if (count < 0) {
            return nullOrFail(count, nullable, "array");
        }
        if (count > in.readableBytes() / minElementSize) {
            throw new MessageFormatException("array of " + count + " elements exceeds the "
                    + in.readableBytes() + " bytes remaining");
        }
        List<T> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(element.apply(in));
        }
        return list;
    }

    /** The presence marker of a nullable struct: -1 for null, otherwise present. */
    public static boolean readStructPresent(ByteBuf in) {
        return readInt8(in) >= 0;
    }

    /** Count of a tagged-field section; each field takes at least two bytes (tag and size). */
    public static int readTaggedFieldCount(ByteBuf in) {
        int count = readUnsignedVarint(in);
        if (count < 0 || count > in.readableBytes() / 2) {
            throw new MessageFormatException("tagged field count " + Integer.toUnsignedString(count)
                    + " exceeds the bytes remaining");
        }
        return count;
    }

    /** Reads a tagged field's size and returns the reader index where the field ends. */
    public static int readTaggedFieldEnd(ByteBuf in) {
        int size = readUnsignedVarint(in);
        if (size < 0 || size > in.readableBytes()) {
            throw new MessageFormatException("tagged field of " + Integer.toUnsignedString(size)
                    + " bytes exceeds the " + in.readableBytes() + " bytes remaining");
        }
        return in.readerIndex() + size;
    }

    /** Fails if a known tagged field's value did not take exactly the size it declared. */
    public static void checkTaggedFieldEnd(ByteBuf in, int end) {
        if (in.readerIndex() != end) {
            throw new MessageFormatException("tagged field value ends at " + in.readerIndex()
                    + " but its size says " + end);
        }
    }

    /** Skips a whole tagged-field section: for structs that know no tags. */
    public static void skipTaggedFields(ByteBuf in) {
        for (int n = readTaggedFieldCount(in); n > 0; n--) {
            readUnsignedVarint(in);
            in.readerIndex(readTaggedFieldEnd(in));
        }
    }

    /** A bytes/records/array length: int32, or compact unsigned varint + 1 (0 = null). */
    private static int readLength(ByteBuf in, boolean compact) {
        if (!compact) {
            return readInt32(in);
        }
        int raw = readUnsignedVarint(in);
        if (raw < 0) {
            throw new MessageFormatException("length " + Integer.toUnsignedString(raw) + " is too large");
        }
        return raw - 1;
    }

    private static <T> T nullOrFail(int length, boolean nullable, String what) {
        if (length != -1) {
            throw new MessageFormatException("negative " + what + " length " + length);
        }
        if (!nullable) {
            throw new MessageFormatException("null " + what + " where the version does not allow null");
        }
        return null;
    }

    private static void checkLength(ByteBuf in, int length, String what) {
        if (length > in.readableBytes()) {
            throw new MessageFormatException(what + " of " + length + " bytes exceeds the "
                    + in.readableBytes() + " bytes remaining");
        }
    }

    private static ByteBuf need(ByteBuf in, int bytes) {
        if (in.readableBytes() < bytes) {
            throw new MessageFormatException("need " + bytes + " bytes, " + in.readableBytes() + " remain");
        }
        return in;
    }
}
