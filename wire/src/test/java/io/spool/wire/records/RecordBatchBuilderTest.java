package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordBatchBuilderTest {
    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, allocator.metric().usedHeapMemory());
        assertEquals(0, allocator.metric().usedDirectMemory());
    }

    /** The same records as {@link KafkaBatches}' test batches, through our builder. */
    private ByteBuf build(CompressionType compression, int count, java.util.function.Consumer<RecordBatchBuilder> setup) {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, compression)) {
            setup.accept(builder);
            for (int i = 0; i < count; i++) {
                builder.append(KafkaBatches.timestamp(i), wrap(KafkaBatches.key(i)), wrap(KafkaBatches.value(i)), headers(i));
            }
            assertEquals(count, builder.recordCount());
            return builder.build();
        }
    }

    private static ByteBuf wrap(byte[] bytes) {
        return bytes == null ? null : Unpooled.wrappedBuffer(bytes);
    }

    private static Header[] headers(int i) {
        org.apache.kafka.common.header.Header[] kafka = KafkaBatches.headers(i);
        Header[] headers = new Header[kafka.length];
        for (int h = 0; h < kafka.length; h++) {
            headers[h] = new Header(kafka[h].key(), wrap(kafka[h].value()));
        }
        return headers;
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void kafkaReadsOurBatches(CompressionType compression) {
        ByteBuf batch = build(compression, 600, b -> b.baseOffset(5000).partitionLeaderEpoch(3)
                .producer(77L, (short) 4, Integer.MAX_VALUE - 10).transactional(true));
        try {
            MemoryRecords kafka = KafkaBatches.read(batch);
            DefaultRecordBatch kafkaBatch = (DefaultRecordBatch) kafka.batches().iterator().next();
            kafkaBatch.ensureValid();
            assertEquals(5000L, kafkaBatch.baseOffset());
            assertEquals(5599L, kafkaBatch.lastOffset());
            assertEquals(3, kafkaBatch.partitionLeaderEpoch());
            assertEquals(compression.id, kafkaBatch.compressionType().id);
            assertEquals(org.apache.kafka.common.record.TimestampType.CREATE_TIME, kafkaBatch.timestampType());
            assertTrue(kafkaBatch.isTransactional());
            assertFalse(kafkaBatch.isControlBatch());
            assertEquals(77L, kafkaBatch.producerId());
            assertEquals((short) 4, kafkaBatch.producerEpoch());
            assertEquals(Integer.MAX_VALUE - 10, kafkaBatch.baseSequence());
            assertEquals(588, kafkaBatch.lastSequence());
            assertEquals(600, kafkaBatch.countOrNull());
            assertEquals(KafkaBatches.timestamp(0), kafkaBatch.baseTimestamp());
            long max = Long.MIN_VALUE;
            Iterator<Record> records = kafkaBatch.iterator();
            for (int i = 0; i < 600; i++) {
                Record record = records.next();
                record.ensureValid();
                assertEquals(5000L + i, record.offset());
                assertEquals(KafkaBatches.timestamp(i), record.timestamp());
                assertBytes(KafkaBatches.key(i), record.key());
                assertBytes(KafkaBatches.value(i), record.value());
                assertArrayEquals(KafkaBatches.headers(i), record.headers());
                max = Math.max(max, record.timestamp());
            }
            assertFalse(records.hasNext());
            assertEquals(max, kafkaBatch.maxTimestamp());
            // And byte for byte, uncompressed bytes are what Kafka writes for the same input.
            if (compression == CompressionType.NONE) {
                ByteBuffer expected = KafkaBatches.build(new KafkaBatches.Spec(compression, TimestampType.CREATE_TIME,
                        5000L, RecordBatch.NO_TIMESTAMP, 77L, (short) 4, Integer.MAX_VALUE - 10, true, 3, 600));
                assertEquals(Unpooled.wrappedBuffer(expected), batch);
            }
        } finally {
            batch.release();
        }
    }

    private static void assertBytes(byte[] expected, ByteBuffer actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        byte[] bytes = new byte[actual.remaining()];
        actual.duplicate().get(bytes);
        assertArrayEquals(expected, bytes);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void logAppendTimeAndControlBatches(CompressionType compression) {
        ByteBuf batch = build(compression, 3, b -> b.logAppendTime(1_750_000_000_000L).control(true)
                .producer(9L, (short) 0, RecordBatch.NO_SEQUENCE));
        try {
            DefaultRecordBatch kafka = (DefaultRecordBatch) KafkaBatches.read(batch).batches().iterator().next();
            kafka.ensureValid();
            assertTrue(kafka.isControlBatch());
            assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, kafka.timestampType());
            assertEquals(1_750_000_000_000L, kafka.maxTimestamp());
            kafka.forEach(r -> assertEquals(1_750_000_000_000L, r.timestamp()));
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void ourReaderAndValidatorAcceptOurBatches(CompressionType compression) {
        ByteBuf batch = build(compression, 200, b -> b.baseOffset(10));
        try (BatchValidator validator = new BatchValidator(allocator, 1 << 20);
             RecordReader reader = new RecordReader(allocator, 1 << 20)) {
            RecordBatch view = RecordBatch.at(batch, 0);
            validator.validate(view);
            long max = java.util.stream.IntStream.range(0, 200).mapToLong(KafkaBatches::timestamp).max().orElseThrow();
            assertEquals(max, validator.maxTimestamp());
            RecordReaderTest.assertSameRecords(KafkaBatches.read(batch), view, reader);
        } finally {
            batch.release();
        }
    }

    @Test
    void headerValuesAndKeysAreNotConsumed() {
        ByteBuf key = Unpooled.copiedBuffer("k", StandardCharsets.UTF_8);
        ByteBuf value = Unpooled.copiedBuffer("v", StandardCharsets.UTF_8);
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, CompressionType.NONE)) {
            builder.append(0L, key, value, new Header("h", value), new Header("ü", null)).build().release();
        }
        assertEquals(1, key.readableBytes());
        assertEquals(1, value.readableBytes());
    }

    @Test
    void emptyOrReusedBuilderIsRefused() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, CompressionType.GZIP)) {
            assertThrows(IllegalStateException.class, builder::build);
            builder.append(0L, null, null);
            builder.build().release();
            assertThrows(IllegalStateException.class, () -> builder.append(1L, null, null));
            assertThrows(IllegalStateException.class, builder::build);
        }
    }

    @Test
    void abandonedBuilderReleasesItsBuffers() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, CompressionType.ZSTD)) {
            builder.append(0L, null, Unpooled.wrappedBuffer(new byte[100]));
        }
    }
}
