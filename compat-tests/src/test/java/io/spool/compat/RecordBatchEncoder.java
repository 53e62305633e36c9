package io.spool.compat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes an uncompressed idempotent record batch (magic v2) as the protocol documentation describes it, so
 * a test can send byte-for-byte the batch a retrying producer would resend. Records have null keys, no
 * headers and the batch's timestamp.
 */
public final class RecordBatchEncoder {
    private static final int BATCH_HEADER_SIZE = 61;
    private static final int LENGTH_FIELD_END = 12;
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final byte MAGIC = 2;

    private RecordBatchEncoder() {
    }

    public static byte[] idempotent(long producerId, short producerEpoch, int baseSequence, long timestamp,
                                    List<byte[]> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int i = 0; i < values.size(); i++) {
            writeRecord(records, i, values.get(i));
        }
        ByteBuffer batch = ByteBuffer.allocate(BATCH_HEADER_SIZE + records.size());
        batch.putLong(0L);                                 // base offset, assigned by the broker
        batch.putInt(batch.capacity() - LENGTH_FIELD_END); // batch length
        batch.putInt(-1);                                  // partition leader epoch, set by the broker
        batch.put(MAGIC);
        batch.putInt(0);                                   // crc, filled in below
        batch.putShort((short) 0);                         // attributes: no compression, CreateTime
        batch.putInt(values.size() - 1);                   // last offset delta
        batch.putLong(timestamp);                          // base timestamp
        batch.putLong(timestamp);                          // max timestamp
        batch.putLong(producerId);
        batch.putShort(producerEpoch);
        batch.putInt(baseSequence);
        batch.putInt(values.size());
        batch.put(records.toByteArray());
        CRC32C crc = new CRC32C();
        crc.update(batch.array(), ATTRIBUTES_OFFSET, batch.capacity() - ATTRIBUTES_OFFSET);
        batch.putInt(CRC_OFFSET, (int) crc.getValue());
        return batch.array();
    }

    private static void writeRecord(ByteArrayOutputStream out, int offsetDelta, byte[] value) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);                       // attributes
        writeVarlong(body, 0);               // timestamp delta
        writeVarlong(body, offsetDelta);
        writeVarlong(body, -1);              // null key
        writeVarlong(body, value.length);
        body.writeBytes(value);
        writeVarlong(body, 0);               // header count
        writeVarlong(out, body.size());
        out.writeBytes(body.toByteArray());
    }

    /** Zigzag variable-length encoding; a varint is the same bytes as a varlong of the same value. */
    private static void writeVarlong(ByteArrayOutputStream out, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
