package io.spool.wire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;

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

    public void writeInt8(int v) {
        current.writeByte(v);
    }

    public void writeInt16(int v) {
        current.writeShort(v);
    }

    public void writeInt32(int v) {
        current.writeInt(v);
    }

    public void writeInt64(long v) {
        current.writeLong(v);
    }

    public void writeDouble(double v) {
        current.writeDouble(v);
    }

    public void writeBytes(byte[] bytes) {
        current.writeBytes(bytes);
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
