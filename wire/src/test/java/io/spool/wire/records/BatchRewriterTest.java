package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecords.RecordFilter;
import org.apache.kafka.common.record.internal.MemoryRecords.RecordFilter.BatchRetention;
import org.apache.kafka.common.record.internal.MemoryRecords.RecordFilter.BatchRetentionResult;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our rewritten batches against what Kafka's own MemoryRecords.filterTo writes for the same filter. */
class BatchRewriterTest {
    private static final long NOW = 1_700_000_100_000L;
    private static final long DELETE_RETENTION_MS = 86_400_000L;

    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, allocator.metric().usedHeapMemory());
        assertEquals(0, allocator.metric().usedDirectMemory());
    }

    /** Kafka's filterTo with the same record choice; it stamps a delete horizon when a kept record is a tombstone. */
    private static ByteBuf kafkaFiltered(ByteBuffer batch, LongPredicate keep) {
        RecordFilter filter = new RecordFilter(NOW, DELETE_RETENTION_MS) {
            @Override
            protected BatchRetentionResult checkBatchRetention(org.apache.kafka.common.record.internal.RecordBatch b) {
                return new BatchRetentionResult(BatchRetention.DELETE_EMPTY, false);
            }

            @Override
            protected boolean shouldRetainRecord(org.apache.kafka.common.record.internal.RecordBatch b, Record record) {
                return keep.test(record.offset());
            }
        };
        ByteBuffer out = ByteBuffer.allocate(batch.remaining() * 2 + 1024);
        MemoryRecords.readableRecords(batch.duplicate()).filterTo(filter, out, BufferSupplier.NO_CACHING, 1 << 20);
        out.flip();
        return Unpooled.wrappedBuffer(out);
    }

    /** Ours: the same records kept, a horizon stamped exactly when Kafka would. */
    private ByteBuf ourFiltered(ByteBuf original, LongPredicate keep) {
        ByteBuf out = allocator.heapBuffer();
        RecordBatch batch = RecordBatch.at(original, 0);
        boolean keptTombstone = false;
        try (RecordReader reader = new RecordReader(allocator, 1 << 20)) {
            reader.open(batch);
            while (reader.next()) {
                keptTombstone |= keep.test(reader.record().offset()) && !reader.record().hasValue();
            }
        }
        long horizon = keptTombstone && !batch.hasDeleteHorizon() ? NOW + DELETE_RETENTION_MS : RecordBatch.NO_TIMESTAMP;
        try (RecordReader reader = new RecordReader(allocator, 1 << 20); BatchRewriter rewriter = new BatchRewriter(allocator)) {
            reader.open(batch);
            rewriter.start(batch, out, horizon);
            while (reader.next()) {
                if (keep.test(reader.record().offset())) {
                    rewriter.append(reader.record());
                }
            }
            rewriter.finish();
        }
        return out;
    }

    private static KafkaBatches.Spec spec(CompressionType compression) {
        return KafkaBatches.Spec.plain(compression, 40).at(1000L, 7).idempotent(77L, (short) 3, 500);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void keepsChosenRecordsWithTheirOffsetsAsKafkaDoes(CompressionType compression) {
        ByteBuffer kafka = KafkaBatches.build(spec(compression));
        LongPredicate keep = offset -> offset % 3 != 0 && offset != 1039; // the last record goes, its offset delta stays
        assertSameAsKafka(kafka, keep, compression);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void logAppendTimeBatchesKeepTheirTime(CompressionType compression) {
        ByteBuffer kafka = KafkaBatches.build(spec(compression).logAppendTime(1_700_000_050_000L));
        assertSameAsKafka(kafka, offset -> offset % 2 == 0, compression);
    }

    @Test
    void aBatchWithAHorizonKeepsItAndTombstonesLeaveWhenDropped() {
        ByteBuffer kafka = KafkaBatches.build(spec(CompressionType.NONE));
        // First pass stamps the horizon (record 2 is a tombstone and stays)...
        ByteBuf stamped = ourFiltered(Unpooled.wrappedBuffer(kafka.duplicate()), offset -> offset < 1010);
        try {
            RecordBatch batch = RecordBatch.at(stamped, 0);
            assertTrue(batch.hasDeleteHorizon());
            assertEquals(NOW + DELETE_RETENTION_MS, batch.baseTimestamp());
            // ... a second pass keeps that horizon and the records' own timestamps.
            ByteBuffer stampedBytes = ByteBuffer.wrap(ByteBufUtil.getBytes(stamped));
            assertSameAsKafka(stampedBytes, offset -> offset > 1001, CompressionType.NONE);
        } finally {
            stamped.release();
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void emptyHeaderIsKafkasRetainedEmptyBatch(CompressionType compression) {
        ByteBuffer kafka = KafkaBatches.build(spec(compression));
        RecordFilter filter = new RecordFilter(NOW, DELETE_RETENTION_MS) {
            @Override
            protected BatchRetentionResult checkBatchRetention(org.apache.kafka.common.record.internal.RecordBatch b) {
                return new BatchRetentionResult(BatchRetention.RETAIN_EMPTY, false);
            }

            @Override
            protected boolean shouldRetainRecord(org.apache.kafka.common.record.internal.RecordBatch b, Record record) {
                return false;
            }
        };
        ByteBuffer expected = ByteBuffer.allocate(1024);
        MemoryRecords.readableRecords(kafka.duplicate()).filterTo(filter, expected, BufferSupplier.NO_CACHING, 1 << 20);
        expected.flip();
        ByteBuf ours = allocator.heapBuffer();
        try {
            BatchRewriter.writeEmpty(RecordBatch.at(Unpooled.wrappedBuffer(kafka.duplicate()), 0), ours);
            assertEquals(ByteBufUtil.hexDump(Unpooled.wrappedBuffer(expected)), ByteBufUtil.hexDump(ours));
            RecordBatch empty = RecordBatch.at(ours, 0);
            assertTrue(empty.isValid());
            assertEquals(0, empty.recordCount());
            assertEquals(1039, empty.lastOffset());
            assertEquals(539, empty.lastSequence());
        } finally {
            ours.release();
        }
    }

    @Test
    void finishWithoutRecordsAndStartTwiceAreRefused() {
        ByteBuf original = KafkaBatches.buildBuf(spec(CompressionType.GZIP));
        ByteBuf out = allocator.heapBuffer();
        try (BatchRewriter rewriter = new BatchRewriter(allocator)) {
            rewriter.start(RecordBatch.at(original, 0), out, RecordBatch.NO_TIMESTAMP);
            assertThrows(IllegalStateException.class, () -> rewriter.start(RecordBatch.at(original, 0), out, -1L));
            assertThrows(IllegalStateException.class, rewriter::finish);
        } finally {
            out.release();
            original.release();
        }
    }

    private void assertSameAsKafka(ByteBuffer original, LongPredicate keep, CompressionType compression) {
        ByteBuf expected = kafkaFiltered(original, keep);
        ByteBuf ours = ourFiltered(Unpooled.wrappedBuffer(original.duplicate()), keep);
        try {
            RecordBatch batch = RecordBatch.at(ours, 0);
            assertTrue(batch.isValid());
            assertEquals(ours.readableBytes(), batch.sizeInBytes());
            if (compression == CompressionType.NONE) {
                assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(ours));
            } else {
                assertHeadersMatchExceptLengthAndCrc(expected, ours);
            }
            assertEquals(describe(KafkaBatches.read(expected)), describe(KafkaBatches.read(ours)));
            assertFalse(describe(KafkaBatches.read(ours)).isEmpty());
        } finally {
            ours.release();
        }
    }

    private static void assertHeadersMatchExceptLengthAndCrc(ByteBuf expected, ByteBuf ours) {
        ByteBuf a = expected.copy(0, RecordBatch.HEADER_SIZE);
        ByteBuf b = ours.copy(0, RecordBatch.HEADER_SIZE);
        for (ByteBuf header : List.of(a, b)) {
            header.setInt(RecordBatch.BATCH_LENGTH_OFFSET, 0);
            header.setInt(RecordBatch.CRC_OFFSET, 0);
        }
        try {
            assertEquals(ByteBufUtil.hexDump(a), ByteBufUtil.hexDump(b));
        } finally {
            a.release();
            b.release();
        }
    }

    /** Everything Kafka's reader sees of a batch and its records. */
    private static List<String> describe(MemoryRecords records) {
        List<String> out = new ArrayList<>();
        for (org.apache.kafka.common.record.internal.RecordBatch batch : records.batches()) {
            batch.ensureValid();
            out.add(batch.baseOffset() + "-" + batch.lastOffset() + " seq " + batch.baseSequence() + "-" + batch.lastSequence()
                    + " ts " + batch.timestampType() + " " + batch.maxTimestamp() + " horizon " + batch.deleteHorizonMs()
                    + " pid " + batch.producerId() + "/" + batch.producerEpoch() + " epoch " + batch.partitionLeaderEpoch()
                    + " codec " + batch.compressionType() + " count " + batch.countOrNull());
            Iterator<Record> it = batch.iterator();
            while (it.hasNext()) {
                Record r = it.next();
                out.add(r.offset() + " " + r.timestamp() + " " + hex(r.key()) + " " + hex(r.value()) + " "
                        + java.util.Arrays.toString(r.headers()));
            }
        }
        return out;
    }

    private static String hex(ByteBuffer buffer) {
        return buffer == null ? "null" : ByteBufUtil.hexDump(Unpooled.wrappedBuffer(buffer));
    }
}
