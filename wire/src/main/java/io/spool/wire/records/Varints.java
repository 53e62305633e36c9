package io.spool.wire.records;

import io.netty.buffer.ByteBuf;

/** Writing zig-zag varints and varlongs (protobuf style), as the record format uses them, and their sizes. */
final class Varints {
    private Varints() {
    }

    // An int's zig-zag code equals that of the same value widened to long, so ints reuse the long forms.

    static int sizeOfVarint(int value) {
        return sizeOfVarlong(value);
    }

    static int sizeOfVarlong(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        int bits = 64 - Long.numberOfLeadingZeros(zigzag | 1);
        return (bits + 6) / 7;
    }

    static void writeVarint(ByteBuf out, int value) {
        writeVarlong(out, value);
    }

    static void writeVarlong(ByteBuf out, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }
}
