package io.spool.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Record batches built by kafka-clients, so the log is tested against what real producers send. */
public final class TestBatches {
    private TestBatches() {
    }

    /** One uncompressed batch of {@code count} records "value-i" stamped {@code timestamp}, no producer id. */
    public static ByteBuf batch(int count, long timestamp) {
        return build(Compression.NONE, -1L, (short) -1, -1, count, timestamp, 0);
    }

    /** One batch whose values are {@code valueSize} bytes, to fill segments quickly. */
    public static ByteBuf sizedBatch(int count, long timestamp, int valueSize) {
        return build(Compression.NONE, -1L, (short) -1, -1, count, timestamp, valueSize);
    }

    public static ByteBuf gzipBatch(int count, long timestamp) {
        return build(Compression.gzip().build(), -1L, (short) -1, -1, count, timestamp, 0);
    }

    /** One batch of an idempotent producer. */
    public static ByteBuf idempotent(long producerId, short epoch, int baseSequence, int count, long timestamp) {
        return build(Compression.NONE, producerId, epoch, baseSequence, count, timestamp, 0);
    }

    /** Concatenates batches into one buffer, as a produce request carries them. */
    public static ByteBuf concat(ByteBuf... batches) {
        int size = 0;
        for (ByteBuf batch : batches) {
            size += batch.readableBytes();
        }
        ByteBuf all = Unpooled.wrappedBuffer(new byte[size]).clear();
        for (ByteBuf batch : batches) {
            all.writeBytes(batch, batch.readerIndex(), batch.readableBytes());
        }
        return all;
    }

    private static ByteBuf build(Compression compression, long producerId, short epoch, int baseSequence, int count,
                                 long timestamp, int valueSize) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024 + count * (valueSize + 64)), (byte) 2,
                compression, TimestampType.CREATE_TIME, 0L, -1L, producerId, epoch, baseSequence);
        for (int i = 0; i < count; i++) {
            byte[] value = valueSize > 0 ? new byte[valueSize] : ("value-" + i).getBytes(StandardCharsets.UTF_8);
            builder.append(timestamp + i, ("key-" + i).getBytes(StandardCharsets.UTF_8), value);
        }
        ByteBuffer built = builder.build().buffer();
        byte[] bytes = new byte[built.remaining()];
        built.get(bytes);
        return Unpooled.wrappedBuffer(bytes);
    }
}
