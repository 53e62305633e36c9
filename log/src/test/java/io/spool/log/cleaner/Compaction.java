package io.spool.log.cleaner;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.wire.protocol.FileSliceRecords;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keyed batches written by kafka-clients, and the whole log read back through kafka-clients. */
public final class Compaction {
    private Compaction() {
    }

    /** One record as a consumer reading the whole log sees it; a null value is a tombstone. */
    public record Entry(long offset, String key, String value) {
    }

    /** A batch as Kafka's reader sees its header. */
    public record Batch(long baseOffset, long lastOffset, int count, String codec, long producerId, int lastSequence,
                 boolean hasDeleteHorizon) {
    }

    public static LogConfig compacted(String... keyValues) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LogConfig.CLEANUP_POLICY, "compact");
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put(keyValues[i], keyValues[i + 1]);
        }
        return LogConfig.defaults().withOverrides(overrides);
    }

    /** A batch of (key, value) pairs, timestamps from {@code timestamp} on; a null value makes a tombstone, a null key a keyless record. */
    public static ByteBuf batch(Compression compression, long timestamp, String... keyValues) {
        return build(compression, -1L, (short) -1, -1, timestamp, keyValues);
    }

    public static ByteBuf batch(long timestamp, String... keyValues) {
        return batch(Compression.NONE, timestamp, keyValues);
    }

    public static ByteBuf idempotent(long producerId, short epoch, int baseSequence, long timestamp, String... keyValues) {
        return build(Compression.NONE, producerId, epoch, baseSequence, timestamp, keyValues);
    }

    private static ByteBuf build(Compression compression, long producerId, short epoch, int baseSequence, long timestamp,
                                 String... keyValues) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024 + keyValues.length * 64), (byte) 2,
                compression, TimestampType.CREATE_TIME, 0L, -1L, producerId, epoch, baseSequence);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.append(timestamp + i / 2, bytes(keyValues[i]), bytes(keyValues[i + 1]));
        }
        ByteBuffer built = builder.build().buffer();
        byte[] copy = new byte[built.remaining()];
        built.get(copy);
        return Unpooled.wrappedBuffer(copy);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every batch from the log start to the log end, in order, read with Kafka's own batch reader (CRC checked). */
    public static List<RecordBatch> batches(Log log) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            FileSliceRecords slice = log.read(offset, Integer.MAX_VALUE, log.logEndOffset());
            if (slice.size() == 0) {
                break;
            }
            ByteBuffer bytes = ByteBuffer.allocate(slice.size());
            while (bytes.hasRemaining()) {
                if (slice.channel().read(bytes, slice.position() + bytes.position()) < 0) {
                    throw new IOException("slice past the end of its file");
                }
            }
            bytes.flip();
            for (RecordBatch batch : MemoryRecords.readableRecords(bytes).batches()) {
                batch.ensureValid();
                batches.add(batch);
                offset = batch.lastOffset() + 1;
            }
        }
        return batches;
    }

    /** Every record of the log in order. */
    public static List<Entry> readAll(Log log) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (RecordBatch batch : batches(log)) {
            for (Record record : batch) {
                entries.add(new Entry(record.offset(), string(record.key()), string(record.value())));
            }
        }
        return entries;
    }

    public static List<Batch> describe(Log log) throws IOException {
        List<Batch> described = new ArrayList<>();
        for (RecordBatch batch : batches(log)) {
            described.add(new Batch(batch.baseOffset(), batch.lastOffset(), batch.countOrNull(),
                    batch.compressionType().name, batch.producerId(), batch.lastSequence(),
                    batch.deleteHorizonMs().isPresent()));
        }
        return described;
    }

    /** Each key's last record (value null for a tombstone), in offset order of those last records. */
    public static Map<String, Entry> latest(List<Entry> entries) {
        Map<String, Entry> latest = new LinkedHashMap<>();
        for (Entry entry : entries) {
            latest.remove(entry.key());
            latest.put(entry.key(), entry);
        }
        return latest;
    }

    private static String string(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
