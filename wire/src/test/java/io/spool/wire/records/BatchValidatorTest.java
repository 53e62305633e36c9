package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchValidatorTest {
    private static final int LIMIT = 1 << 20;

    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);
    private final BatchValidator validator = new BatchValidator(allocator, LIMIT);

    @AfterEach
    void nothingLeaked() {
        validator.close();
        assertEquals(0, allocator.metric().usedHeapMemory());
        assertEquals(0, allocator.metric().usedDirectMemory());
    }

    private void assertCorrupt(ByteBuf batch, String expected) {
        try {
            CorruptRecordException e = assertThrows(CorruptRecordException.class,
                    () -> validator.validate(RecordBatch.at(batch, 0)));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertTrue(allocator.metric().usedHeapMemory() <= LIMIT,
                    "buffers grew to " + allocator.metric().usedHeapMemory() + " bytes");
        } finally {
            batch.release();
        }
    }

    /** A Kafka-built batch with a header field changed and the CRC made to match again. */
    private static ByteBuf patched(ByteBuffer bytes, Consumer<ByteBuf> change) {
        ByteBuf buf = Unpooled.copiedBuffer(bytes);
        change.accept(buf);
        RecordBatch.at(buf, 0).updateCrc();
        return buf;
    }

    private static ByteBuffer kafkaBatch(CompressionType compression, int count) {
        return KafkaBatches.build(KafkaBatches.Spec.plain(compression, count).idempotent(1L, (short) 0, 0));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void kafkaBatchesAreValid(CompressionType compression) {
        for (KafkaBatches.Spec spec : RecordBatchTest.specs(compression)) {
            ByteBuf buf = KafkaBatches.buildBuf(spec);
            try {
                validator.validate(RecordBatch.at(buf, 0));
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void badCrc() {
        ByteBuf buf = Unpooled.copiedBuffer(kafkaBatch(CompressionType.NONE, 5));
        buf.setByte(buf.writerIndex() - 3, buf.getByte(buf.writerIndex() - 3) ^ 4);
        assertCorrupt(buf, "CRC");
    }

    @Test
    void truncatedBatchAndLengthPastTheEnd() {
        ByteBuf buf = Unpooled.copiedBuffer(kafkaBatch(CompressionType.NONE, 5));
        assertCorrupt(buf.writerIndex(buf.writerIndex() - 1), "bytes follow");
        // Framing is checked before the CRC, so the CRC need not match here.
        ByteBuf overlong = Unpooled.copiedBuffer(kafkaBatch(CompressionType.LZ4, 5));
        assertCorrupt(overlong.setInt(RecordBatch.BATCH_LENGTH_OFFSET, 1 << 30), "bytes follow");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordCountDisagreeingWithTheRecords(CompressionType compression) {
        ByteBuffer bytes = kafkaBatch(compression, 5);
        assertCorrupt(patched(bytes, b -> b.setInt(RecordBatch.RECORD_COUNT_OFFSET, 6)
                .setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 5)), "holds only 5");
        assertCorrupt(patched(bytes, b -> b.setInt(RecordBatch.RECORD_COUNT_OFFSET, 4)
                .setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 3)), "bytes after its 4 records");
        assertCorrupt(patched(bytes, b -> b.setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 7)), "last offset delta 7");
        assertCorrupt(patched(bytes, b -> b.setInt(RecordBatch.RECORD_COUNT_OFFSET, 0)
                .setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, -1)), "invalid record count 0");
        assertCorrupt(patched(bytes, b -> b.setInt(RecordBatch.RECORD_COUNT_OFFSET, -3)), "invalid record count -3");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void offsetDeltasMustCountUpFromZero(CompressionType compression) {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, KafkaBatches.kafkaCompression(compression),
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0L);
        for (long offset : new long[] {0, 1, 3}) {
            builder.appendWithOffset(offset, 10L, null, "v".getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer bytes = builder.build().buffer();
        assertCorrupt(patched(bytes, b -> b.setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 2)), "offset delta 3");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void tellsWhetherARecordHasNoKey(CompressionType compression) {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        ByteBuf keyed = Unpooled.wrappedBuffer(MemoryRecords.withRecords(KafkaBatches.kafkaCompression(compression),
                new SimpleRecord(1L, key, key), new SimpleRecord(2L, key, null)).buffer());
        ByteBuf keyless = Unpooled.wrappedBuffer(MemoryRecords.withRecords(KafkaBatches.kafkaCompression(compression),
                new SimpleRecord(1L, key, key), new SimpleRecord(2L, null, key)).buffer());
        try {
            validator.validate(RecordBatch.at(keyless, 0));
            assertTrue(validator.hasRecordWithoutKey());
            validator.validate(RecordBatch.at(keyed, 0));
            assertFalse(validator.hasRecordWithoutKey());
        } finally {
            keyed.release();
            keyless.release();
        }
    }

    @Test
    void recordLengthDisagreeingWithItsFields() {
        ByteBuffer bytes = MemoryRecords.withRecords(KafkaBatches.kafkaCompression(CompressionType.NONE),
                new SimpleRecord(1L, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)),
                new SimpleRecord(2L, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8))).buffer();
        int lengthIndex = RecordBatch.RECORDS_OFFSET;
        // One-byte zig-zag varints: +2 declares one byte more, -2 one byte less.
        assertCorrupt(patched(bytes, b -> b.setByte(lengthIndex, b.getByte(lengthIndex) + 2)), "fields take");
        assertCorrupt(patched(bytes, b -> b.setByte(lengthIndex, b.getByte(lengthIndex) - 2)), "truncated");
        assertCorrupt(patched(bytes, b -> b.setByte(lengthIndex, 1)), "negative length");
    }

    /** A record whose value is 8 MiB of zeros compresses to a few KiB: far beyond the 1 MiB limit. */
    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void oneHugeRecordBomb(CompressionType compression) {
        ByteBuffer bytes = MemoryRecords.withRecords(KafkaBatches.kafkaCompression(compression),
                new SimpleRecord(1L, null, new byte[8 << 20])).buffer();
        assertTrue(bytes.remaining() < 500_000, compression + " payload is " + bytes.remaining());
        assertCorrupt(Unpooled.copiedBuffer(bytes), "limit");
    }

    /** Many small, well-formed records that add up past the limit. */
    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void manySmallRecordsBomb(CompressionType compression) {
        SimpleRecord[] records = new SimpleRecord[20_000];
        for (int i = 0; i < records.length; i++) {
            records[i] = new SimpleRecord(1L, null, new byte[100]);
        }
        ByteBuffer bytes = MemoryRecords.withRecords(KafkaBatches.kafkaCompression(compression), records).buffer();
        assertCorrupt(Unpooled.copiedBuffer(bytes), "limit");
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void truncatedCompressedPayload(CompressionType compression) {
        ByteBuffer bytes = kafkaBatch(compression, 50);
        int recordsSize = bytes.remaining() - RecordBatch.RECORDS_OFFSET;
        for (int cut : new int[] {1, 4, recordsSize / 2, recordsSize - 1}) {
            ByteBuf buf = patched(bytes, b -> {
                b.writerIndex(b.writerIndex() - cut);
                b.setInt(RecordBatch.BATCH_LENGTH_OFFSET, b.writerIndex() - RecordBatch.LOG_OVERHEAD);
            });
            assertCorrupt(buf, "");
        }
    }

    @Test
    void unknownCompressionTypeIsCorrupt() {
        assertCorrupt(patched(kafkaBatch(CompressionType.NONE, 2),
                b -> b.setShort(RecordBatch.ATTRIBUTES_OFFSET, 5)), "compression type id 5");
    }
}
