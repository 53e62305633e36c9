package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.Iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordReaderTest {
    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, allocator.metric().usedHeapMemory());
        assertEquals(0, allocator.metric().usedDirectMemory());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordsMatchKafka(CompressionType compression) {
        try (RecordReader reader = new RecordReader(allocator, 1 << 20)) {
            for (KafkaBatches.Spec spec : RecordBatchTest.specs(compression)) {
                ByteBuffer bytes = KafkaBatches.build(spec);
                ByteBuf buf = Unpooled.wrappedBuffer(bytes.duplicate());
                try {
                    assertSameRecords(MemoryRecords.readableRecords(bytes), RecordBatch.at(buf, 0), reader);
                } finally {
                    buf.release();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void largeBatchFromDirectBufferStreamsThroughTheWindow(CompressionType compression) {
        // 1500 records of up to ~300 bytes: several codec blocks and many window refills.
        ByteBuffer bytes = KafkaBatches.build(KafkaBatches.Spec.plain(compression, 1500));
        ByteBuf buf = Unpooled.directBuffer(bytes.remaining()).writeBytes(bytes.duplicate());
        try (RecordReader reader = new RecordReader(allocator, 4 << 20)) {
            assertSameRecords(MemoryRecords.readableRecords(bytes), RecordBatch.at(buf, 0), reader);
        } finally {
            buf.release();
        }
    }

    @Test
    void largeRecordGrowsTheWindowAndTheWindowIsGivenBack() {
        ByteBuf value = Unpooled.wrappedBuffer(new byte[3 << 20]);
        ByteBuf batch;
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, CompressionType.GZIP)) {
            batch = builder.append(1L, null, value).append(2L, null, Unpooled.EMPTY_BUFFER).build();
        }
        try (RecordReader reader = new RecordReader(allocator, 8 << 20)) {
            reader.open(RecordBatch.at(batch, 0));
            assertTrue(reader.next());
            assertEquals(3 << 20, reader.record().valueLength());
            assertTrue(reader.next());
            assertEquals(0, reader.record().valueLength());
            assertFalse(reader.next());
            assertFalse(reader.hasTrailingBytes());
        } finally {
            batch.release();
        }
    }

    static void assertSameRecords(MemoryRecords kafka, RecordBatch batch, RecordReader reader) {
        reader.open(batch);
        Iterator<Record> expected = kafka.records().iterator();
        int n = 0;
        while (reader.next()) {
            assertTrue(expected.hasNext(), "we read more records than Kafka");
            assertSameRecord(expected.next(), reader.record());
            n++;
        }
        assertFalse(expected.hasNext(), "Kafka read more records than we did");
        assertEquals(batch.recordCount(), n);
        assertFalse(reader.hasTrailingBytes());
    }

    static void assertSameRecord(Record expected, RecordView actual) {
        assertEquals(expected.offset(), actual.offset());
        assertEquals(expected.timestamp(), actual.timestamp());
        assertEquals(expected.sizeInBytes(), actual.sizeInBytes());
        assertBytes(expected.key(), actual.key(), actual.keyLength());
        assertBytes(expected.value(), actual.value(), actual.valueLength());
        Header[] headers = expected.headers();
        assertEquals(headers.length, actual.headerCount());
        HeaderCursor cursor = actual.headers();
        for (Header header : headers) {
            assertTrue(cursor.next());
            assertEquals(header.key(), cursor.keyAsString());
            if (header.value() == null) {
                assertFalse(cursor.hasValue());
                assertNull(cursor.value());
            } else {
                assertArrayEquals(header.value(), ByteBufUtil.getBytes(cursor.value()));
            }
        }
        assertFalse(cursor.next());
    }

    private static void assertBytes(ByteBuffer expected, ByteBuf actual, int actualLength) {
        if (expected == null) {
            assertNull(actual);
            assertEquals(-1, actualLength);
            return;
        }
        byte[] bytes = new byte[expected.remaining()];
        expected.duplicate().get(bytes);
        assertArrayEquals(bytes, ByteBufUtil.getBytes(actual));
        assertEquals(bytes.length, actualLength);
    }

    @Test
    void readerNeedsAnOpenBatch() {
        try (RecordReader reader = new RecordReader(allocator, 1024)) {
            assertThrows(IllegalStateException.class, reader::next);
        }
    }
}
