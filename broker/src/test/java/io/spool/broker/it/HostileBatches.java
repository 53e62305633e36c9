package io.spool.broker.it;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.ByteBufferOutputStream;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Compressed record batches that lie, built byte by byte: a header whose count disagrees with the
 * records inside, payloads that inflate past any sane bound, payloads cut short. Framing and CRC
 * are right, so only the records section is wrong; compression uses kafka-clients' own streams.
 */
final class HostileBatches {
    private static final int HEADER_SIZE = 61;
    private static final int ZERO_CHUNK = 1 << 20;

    private HostileBatches() {
    }

    /** kafka-clients' codec for a name; "none" is uncompressed. */
    static Compression compression(String codec) {
        return switch (codec) {
            case "gzip" -> Compression.gzip().build();
            case "snappy" -> Compression.snappy().build();
            case "lz4" -> Compression.lz4().build();
            case "zstd" -> Compression.zstd().build();
            default -> Compression.NONE;
        };
    }

    /** The records section of {@code count} records with offset deltas 0..count-1 and small values, uncompressed. */
    static byte[] records(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            writeRecordPrefix(out, i, 8);
            out.writeBytes(String.format("v%07d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** A record's fields up to its value, for a value of {@code valueLength} bytes and no key; a header count of 0 follows the value. */
    static void writeRecordPrefix(ByteArrayOutputStream out, int offsetDelta, long valueLength) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        writeVarlong(body, 0);
        writeVarlong(body, offsetDelta);
        writeVarlong(body, -1);
        writeVarlong(body, valueLength);
        // The header count follows the value; the length counts it.
        writeVarlong(out, body.size() + valueLength + 1);
        out.writeBytes(body.toByteArray());
    }

    /** {@code plain} compressed with kafka-clients' stream for {@code codec}. */
    static byte[] compress(String codec, byte[] plain) throws IOException {
        ByteBufferOutputStream sink = new ByteBufferOutputStream(64 * 1024);
        try (OutputStream out = compression(codec).wrapForOutput(sink, RecordBatch.MAGIC_VALUE_V2)) {
            out.write(plain);
        }
        return bytesOf(sink);
    }

    private static byte[] bytesOf(ByteBufferOutputStream sink) {
        ByteBuffer buffer = sink.buffer().flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Records that agree with their header, each a megabyte of zeros, {@code totalBytes} of them
     * once decompressed: the stream inflates past the broker's bound while the batch stays small.
     * Snappy cannot shrink zeros enough for that (about 21:1), so its bomb is a bare snappy block
     * whose preamble claims {@code totalBytes}.
     */
    static byte[] bomb(String codec, long totalBytes) throws IOException {
        if (codec.equals("snappy")) {
            byte[] plain = records(1);
            byte[] block = Snappy.compress(plain);
            ByteArrayOutputStream lying = new ByteArrayOutputStream();
            writeUnsignedVarint(lying, totalBytes);
            int realPreamble = unsignedVarintSize(plain.length);
            lying.write(block, realPreamble, block.length - realPreamble);
            return batch(codec, 1, 0, lying.toByteArray());
        }
        int count = (int) (totalBytes / ZERO_CHUNK);
        ByteBufferOutputStream sink = new ByteBufferOutputStream(64 * 1024);
        byte[] zeros = new byte[ZERO_CHUNK];
        try (OutputStream out = compression(codec).wrapForOutput(sink, RecordBatch.MAGIC_VALUE_V2)) {
            for (int i = 0; i < count; i++) {
                ByteArrayOutputStream prefix = new ByteArrayOutputStream();
                writeRecordPrefix(prefix, i, zeros.length);
                prefix.writeTo(out);
                out.write(zeros);
                out.write(0);
            }
        }
        return batch(codec, count, count - 1, bytesOf(sink));
    }

    /** One record that declares a value of {@code valueLength} bytes (beyond any bound), of which a few are there. */
    static byte[] hugeRecord(String codec, long valueLength) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        writeRecordPrefix(plain, 0, valueLength);
        plain.writeBytes(new byte[64]);
        return batch(codec, 1, 0, compress(codec, plain.toByteArray()));
    }

    /** A batch whose header says {@code headerCount} records while its compressed section holds {@code actual}. */
    static byte[] countMismatch(String codec, int headerCount, int actual) throws IOException {
        return batch(codec, headerCount, headerCount - 1, compress(codec, records(actual)));
    }

    /** A batch whose header's last offset delta is not count - 1 though the records agree with the count. */
    static byte[] lastOffsetDeltaMismatch(String codec, int count) throws IOException {
        return batch(codec, count, count + 4, compress(codec, records(count)));
    }

    /** Good records whose compressed form is cut to {@code keep} of its bytes (the header's sizes and CRC match the cut). */
    static byte[] truncated(String codec, int count, double keep) throws IOException {
        byte[] whole = compress(codec, records(count));
        byte[] cut = java.util.Arrays.copyOf(whole, (int) (whole.length * keep));
        return batch(codec, count, count - 1, cut);
    }

    /** A good batch of {@code count} records. */
    static byte[] good(String codec, int count) throws IOException {
        return batch(codec, count, count - 1, compress(codec, records(count)));
    }

    /** A magic v2 batch around {@code recordsSection}: base offset 0, no producer, CreateTime now, CRC32C computed. */
    static byte[] batch(String codec, int recordCount, int lastOffsetDelta, byte[] recordsSection) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE + recordsSection.length);
        long now = System.currentTimeMillis();
        buf.putLong(0L)
                .putInt(HEADER_SIZE - 12 + recordsSection.length)
                .putInt(-1)
                .put((byte) 2)
                .putInt(0)
                .putShort(compression(codec).type().id)
                .putInt(lastOffsetDelta)
                .putLong(now)
                .putLong(now)
                .putLong(-1L)
                .putShort((short) -1)
                .putInt(-1)
                .putInt(recordCount)
                .put(recordsSection);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 21, buf.capacity() - 21);
        buf.putInt(17, (int) crc.getValue());
        return buf.array();
    }

    private static void writeVarlong(ByteArrayOutputStream out, long value) {
        writeUnsignedVarint(out, (value << 1) ^ (value >> 63));
    }

    private static void writeUnsignedVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static int unsignedVarintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            size++;
            value >>>= 7;
        }
        return size;
    }
}
