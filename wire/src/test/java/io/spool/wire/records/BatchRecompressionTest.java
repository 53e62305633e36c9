package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BatchRewriter#startRecompressed}: every codec into every other, read back by kafka-clients. */
class BatchRecompressionTest {
    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, allocator.metric().usedHeapMemory());
        assertEquals(0, allocator.metric().usedDirectMemory());
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (CompressionType from : CompressionType.values()) {
            for (CompressionType to : CompressionType.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    private ByteBuf recompress(ByteBuf original, CompressionType to, int level) {
        ByteBuf out = allocator.heapBuffer();
        RecordBatch batch = RecordBatch.at(original, 0);
        try (RecordReader reader = new RecordReader(allocator, 1 << 20); BatchRewriter rewriter = new BatchRewriter(allocator)) {
            reader.open(batch);
            rewriter.startRecompressed(batch, out, to, level);
            while (reader.next()) {
                rewriter.append(reader.record());
            }
            rewriter.finish();
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void keepsEveryRecordAndHeaderFieldButTheCodec(CompressionType from, CompressionType to) {
        KafkaBatches.Spec spec = KafkaBatches.Spec.plain(from, 40).idempotent(7L, (short) 2, 100).at(500L, 3);
        ByteBuf original = KafkaBatches.buildBuf(spec);
        ByteBuf copy = recompress(original, to, to.defaultLevel());
        try {
            org.apache.kafka.common.record.internal.RecordBatch kafkaOriginal = KafkaBatches.read(original).batches().iterator().next();
            MemoryRecords records = KafkaBatches.read(copy);
            Iterator<? extends org.apache.kafka.common.record.internal.RecordBatch> batches = records.batches().iterator();
            org.apache.kafka.common.record.internal.RecordBatch ours = batches.next();
            assertFalse(batches.hasNext());
            ours.ensureValid();
            assertEquals(to.id, ours.compressionType().id);
            assertEquals(kafkaOriginal.baseOffset(), ours.baseOffset());
            assertEquals(kafkaOriginal.lastOffset(), ours.lastOffset());
            assertEquals(kafkaOriginal.partitionLeaderEpoch(), ours.partitionLeaderEpoch());
            assertEquals(kafkaOriginal.producerId(), ours.producerId());
            assertEquals(kafkaOriginal.producerEpoch(), ours.producerEpoch());
            assertEquals(kafkaOriginal.baseSequence(), ours.baseSequence());
            assertEquals(kafkaOriginal.lastSequence(), ours.lastSequence());
            assertEquals(kafkaOriginal.maxTimestamp(), ours.maxTimestamp());
            assertEquals(kafkaOriginal.timestampType(), ours.timestampType());
            assertEquals(RecordBatch.at(original, 0).baseTimestamp(), RecordBatch.at(copy, 0).baseTimestamp());
            assertEquals(kafkaOriginal.countOrNull(), ours.countOrNull());
            Iterator<Record> expected = kafkaOriginal.iterator();
            for (Record record : ours) {
                Record want = expected.next();
                assertEquals(want, record, "record at offset " + want.offset());
            }
            assertFalse(expected.hasNext());
        } finally {
            original.release();
            copy.release();
        }
    }

    /** Where both sides use the same library settings (zstd-jni's framing differs from Kafka's), the bytes match. */
    @Test
    void sameCodecWithTheSameLevelWritesWhatKafkaWrites() {
        for (CompressionType type : new CompressionType[] {CompressionType.NONE, CompressionType.GZIP}) {
            ByteBuf original = KafkaBatches.buildBuf(KafkaBatches.Spec.plain(type, 25));
            ByteBuf copy = recompress(original, type, type.defaultLevel());
            try {
                assertEquals(original, copy, type.toString());
            } finally {
                original.release();
                copy.release();
            }
        }
    }

    @Test
    void levelsOutsideKafkasRangesAreRefused() {
        assertTrue(CompressionType.GZIP.isValidLevel(-1));
        assertFalse(CompressionType.GZIP.isValidLevel(0));
        assertTrue(CompressionType.GZIP.isValidLevel(9));
        assertFalse(CompressionType.LZ4.isValidLevel(18));
        assertTrue(CompressionType.LZ4.isValidLevel(1));
        assertTrue(CompressionType.ZSTD.isValidLevel(-131_072));
        assertFalse(CompressionType.ZSTD.isValidLevel(23));
        ByteBuf original = KafkaBatches.buildBuf(KafkaBatches.Spec.plain(CompressionType.NONE, 2));
        try (BatchRewriter rewriter = new BatchRewriter(allocator)) {
            ByteBuf out = allocator.heapBuffer();
            try {
                assertThrows(IllegalArgumentException.class,
                        () -> rewriter.startRecompressed(RecordBatch.at(original, 0), out, CompressionType.LZ4, 0));
            } finally {
                out.release();
            }
        } finally {
            original.release();
        }
    }

    @Test
    void higherLevelsCompressRepetitiveRecordsAtLeastAsSmall() {
        ByteBuf original = KafkaBatches.buildBuf(KafkaBatches.Spec.plain(CompressionType.NONE, 200));
        try {
            for (CompressionType type : new CompressionType[] {CompressionType.GZIP, CompressionType.LZ4, CompressionType.ZSTD}) {
                ByteBuf fast = recompress(original, type, type == CompressionType.ZSTD ? -5 : 1);
                ByteBuf strong = recompress(original, type, type == CompressionType.GZIP ? 9 : type == CompressionType.LZ4 ? 17 : 19);
                try {
                    assertTrue(strong.readableBytes() <= fast.readableBytes(),
                            type + ": " + strong.readableBytes() + " > " + fast.readableBytes());
                    assertEquals(KafkaBatches.read(fast).records().iterator().next(), KafkaBatches.read(strong).records().iterator().next());
                } finally {
                    fast.release();
                    strong.release();
                }
            }
        } finally {
            original.release();
        }
    }
}
