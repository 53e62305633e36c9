package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Batches written by kafka-clients, the oracle our reader is checked against. */
final class KafkaBatches {
    private KafkaBatches() {
    }

    /** How kafka-clients should write a batch. */
    record Spec(CompressionType compression, TimestampType timestampType, long baseOffset, long logAppendTime,
                long producerId, short producerEpoch, int baseSequence, boolean transactional, int leaderEpoch,
                int recordCount) {
        static Spec plain(CompressionType compression, int recordCount) {
            return new Spec(compression, TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP,
                    RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, false,
                    RecordBatch.NO_PARTITION_LEADER_EPOCH, recordCount);
        }

        Spec idempotent(long producerId, short epoch, int baseSequence) {
            return new Spec(compression, timestampType, baseOffset, logAppendTime, producerId, epoch, baseSequence,
                    transactional, leaderEpoch, recordCount);
        }

        Spec asTransactional() {
            return new Spec(compression, timestampType, baseOffset, logAppendTime, producerId, producerEpoch,
                    baseSequence, true, leaderEpoch, recordCount);
        }

        Spec logAppendTime(long time) {
            return new Spec(compression, TimestampType.LOG_APPEND_TIME, baseOffset, time, producerId, producerEpoch,
                    baseSequence, transactional, leaderEpoch, recordCount);
        }

        Spec at(long baseOffset, int leaderEpoch) {
            return new Spec(compression, timestampType, baseOffset, logAppendTime, producerId, producerEpoch,
                    baseSequence, transactional, leaderEpoch, recordCount);
        }
    }

    static Compression kafkaCompression(CompressionType type) {
        return switch (type) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
    }

    static org.apache.kafka.common.record.TimestampType kafkaTimestampType(TimestampType type) {
        return type == TimestampType.CREATE_TIME
                ? org.apache.kafka.common.record.TimestampType.CREATE_TIME
                : org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME;
    }

    /** Record i of a test batch: varied keys, values and headers, with nulls and empties mixed in. */
    static byte[] key(int i) {
        return i % 3 == 1 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(int i) {
        if (i % 5 == 2) {
            return null;
        }
        if (i % 5 == 3) {
            return new byte[0];
        }
        return ("value-" + i + "-" + "x".repeat(i * 7 % 300)).getBytes(StandardCharsets.UTF_8);
    }

    static Header[] headers(int i) {
        Header[] headers = new Header[i % 4];
        for (int h = 0; h < headers.length; h++) {
            byte[] value = h == 1 ? null : ("hv" + i + "." + h).getBytes(StandardCharsets.UTF_8);
            headers[h] = new RecordHeader("h" + h, value);
        }
        return headers;
    }

    static long timestamp(int i) {
        return 1_700_000_000_000L + i * 13L - (i % 4 == 3 ? 50 : 0);
    }

    /** The batch as kafka-clients writes it, in a heap ByteBuffer. */
    static ByteBuffer build(Spec spec) {
        ByteBuffer buffer = ByteBuffer.allocate(1024 + spec.recordCount() * 512);
        MemoryRecordsBuilder builder = new MemoryRecordsBuilder(buffer, org.apache.kafka.common.record.internal.RecordBatch.MAGIC_VALUE_V2,
                kafkaCompression(spec.compression()), kafkaTimestampType(spec.timestampType()), spec.baseOffset(),
                spec.logAppendTime(), spec.producerId(), spec.producerEpoch(), spec.baseSequence(), spec.transactional(),
                false, spec.leaderEpoch(), buffer.capacity());
        for (int i = 0; i < spec.recordCount(); i++) {
            builder.append(timestamp(i), key(i), value(i), headers(i));
        }
        MemoryRecords records = builder.build();
        return records.buffer();
    }

    /** The same bytes in an unpooled ByteBuf; the caller releases it. */
    static ByteBuf buildBuf(Spec spec) {
        return Unpooled.wrappedBuffer(build(spec));
    }

    static MemoryRecords read(ByteBuf buf) {
        ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
        buf.getBytes(buf.readerIndex(), copy);
        copy.flip();
        return MemoryRecords.readableRecords(copy);
    }
}
