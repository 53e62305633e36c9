package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordBatchTest {

    static List<KafkaBatches.Spec> specs(CompressionType compression) {
        List<KafkaBatches.Spec> specs = new ArrayList<>();
        specs.add(KafkaBatches.Spec.plain(compression, 1));
        specs.add(KafkaBatches.Spec.plain(compression, 37).at(1234567890123L, 17));
        specs.add(KafkaBatches.Spec.plain(compression, 10).idempotent(4242L, (short) 7, 100));
        specs.add(KafkaBatches.Spec.plain(compression, 10).idempotent(4242L, (short) 7, Integer.MAX_VALUE - 3));
        specs.add(KafkaBatches.Spec.plain(compression, 5).idempotent(99L, (short) 2, 0).asTransactional());
        specs.add(KafkaBatches.Spec.plain(compression, 8).logAppendTime(1_800_000_000_000L));
        return specs;
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void headerFieldsMatchKafka(CompressionType compression) {
        for (KafkaBatches.Spec spec : specs(compression)) {
            ByteBuffer bytes = KafkaBatches.build(spec);
            DefaultRecordBatch kafka = (DefaultRecordBatch) MemoryRecords.readableRecords(bytes.duplicate()).batches().iterator().next();
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            try {
                RecordBatch batch = RecordBatch.at(buf, 0);
                assertEquals(kafka.baseOffset(), batch.baseOffset());
                assertEquals(kafka.sizeInBytes(), batch.sizeInBytes());
                assertEquals(kafka.sizeInBytes() - RecordBatch.LOG_OVERHEAD, batch.batchLength());
                assertEquals(kafka.partitionLeaderEpoch(), batch.partitionLeaderEpoch());
                assertEquals(kafka.magic(), batch.magic());
                assertEquals(kafka.checksum(), batch.crc());
                assertEquals(kafka.compressionType().id, batch.compressionType().id);
                assertEquals(kafka.timestampType().name(), batch.timestampType().name());
                assertEquals(kafka.isTransactional(), batch.isTransactional());
                assertEquals(kafka.isControlBatch(), batch.isControl());
                assertEquals(kafka.deleteHorizonMs().isPresent(), batch.hasDeleteHorizon());
                assertEquals(kafka.lastOffset(), batch.lastOffset());
                assertEquals(kafka.lastOffset() - kafka.baseOffset(), batch.lastOffsetDelta());
                assertEquals(kafka.baseTimestamp(), batch.baseTimestamp());
                assertEquals(kafka.maxTimestamp(), batch.maxTimestamp());
                assertEquals(kafka.producerId(), batch.producerId());
                assertEquals(kafka.hasProducerId(), batch.hasProducerId());
                assertEquals(kafka.producerEpoch(), batch.producerEpoch());
                assertEquals(kafka.baseSequence(), batch.baseSequence());
                assertEquals(kafka.lastSequence(), batch.lastSequence());
                assertEquals(kafka.countOrNull(), batch.recordCount());
                assertEquals(spec.recordCount(), batch.recordCount());
                assertTrue(batch.isValid());
                batch.ensureValid();
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void sequenceWrapsLikeKafka() {
        int[][] cases = {{0, 0}, {5, 10}, {Integer.MAX_VALUE, 0}, {Integer.MAX_VALUE, 1}, {Integer.MAX_VALUE - 2, 5}};
        for (int[] c : cases) {
            assertEquals(DefaultRecordBatch.incrementSequence(c[0], c[1]), RecordBatch.incrementSequence(c[0], c[1]));
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void inPlaceSettersKeepKafkaSatisfied(CompressionType compression) {
        ByteBuf buf = KafkaBatches.buildBuf(KafkaBatches.Spec.plain(compression, 12).idempotent(7L, (short) 1, 3));
        try {
            RecordBatch batch = RecordBatch.at(buf, 0);
            long crcBefore = batch.crc();
            batch.setBaseOffset(987654321L);
            batch.setPartitionLeaderEpoch(42);
            assertEquals(crcBefore, batch.crc(), "base offset and leader epoch lie outside the CRC");
            batch.setMaxTimestampAndType(1_900_000_000_000L, TimestampType.LOG_APPEND_TIME);
            assertTrue(batch.isValid());

            DefaultRecordBatch kafka = (DefaultRecordBatch) KafkaBatches.read(buf).batches().iterator().next();
            kafka.ensureValid();
            assertEquals(987654321L, kafka.baseOffset());
            assertEquals(42, kafka.partitionLeaderEpoch());
            assertEquals(1_900_000_000_000L, kafka.maxTimestamp());
            assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, kafka.timestampType());
            kafka.forEach(r -> assertEquals(1_900_000_000_000L, r.timestamp()));

            batch.setMaxTimestampAndType(1234L, TimestampType.CREATE_TIME);
            DefaultRecordBatch back = (DefaultRecordBatch) KafkaBatches.read(buf).batches().iterator().next();
            back.ensureValid();
            assertEquals(org.apache.kafka.common.record.TimestampType.CREATE_TIME, back.timestampType());
            assertEquals(1234L, back.maxTimestamp());
        } finally {
            buf.release();
        }
    }

    @Test
    void viewWorksAtAnOffsetAndCanBeReused() {
        ByteBuffer first = KafkaBatches.build(KafkaBatches.Spec.plain(CompressionType.NONE, 3));
        ByteBuffer second = KafkaBatches.build(KafkaBatches.Spec.plain(CompressionType.GZIP, 4).at(3, 0));
        ByteBuf buf = Unpooled.directBuffer();
        try {
            buf.writeBytes(first).writeBytes(second);
            RecordBatch view = RecordBatch.at(buf, 0);
            assertEquals(3, view.recordCount());
            assertTrue(view.isValid());
            view.wrap(buf, view.sizeInBytes());
            assertEquals(4, view.recordCount());
            assertEquals(3, view.baseOffset());
            assertEquals(CompressionType.GZIP, view.compressionType());
            assertTrue(view.isValid());
        } finally {
            buf.release();
        }
    }

    @Test
    void crcCheckedAcrossCompositeBuffers() {
        ByteBuffer bytes = KafkaBatches.build(KafkaBatches.Spec.plain(CompressionType.NONE, 20));
        int split = bytes.remaining() / 2;
        ByteBuffer head = bytes.duplicate().limit(split);
        ByteBuffer tail = bytes.duplicate().position(split);
        ByteBuf buf = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(head), Unpooled.directBuffer().writeBytes(tail));
        try {
            assertTrue(RecordBatch.at(buf, 0).isValid());
        } finally {
            buf.release();
        }
    }

    @Test
    void corruptionIsDetected() {
        ByteBuf buf = KafkaBatches.buildBuf(KafkaBatches.Spec.plain(CompressionType.NONE, 5));
        try {
            RecordBatch batch = RecordBatch.at(buf, 0);
            int last = batch.sizeInBytes() - 1;
            buf.setByte(last, buf.getByte(last) ^ 1);
            assertFalse(batch.isValid());
            CorruptRecordException e = assertThrows(CorruptRecordException.class, batch::ensureValid);
            assertTrue(e.getMessage().contains("CRC"), e.getMessage());
            buf.setByte(last, buf.getByte(last) ^ 1);
            assertTrue(batch.isValid());

            buf.setByte(RecordBatch.MAGIC_OFFSET, 1);
            assertTrue(assertThrows(CorruptRecordException.class, batch::ensureValid).getMessage().contains("magic"));
            buf.setByte(RecordBatch.MAGIC_OFFSET, 2);

            buf.setShort(RecordBatch.ATTRIBUTES_OFFSET, 6);
            assertThrows(CorruptRecordException.class, batch::compressionType);
        } finally {
            buf.release();
        }
    }

    @Test
    void truncatedOrOverlongBatchIsInvalid() {
        ByteBuf buf = KafkaBatches.buildBuf(KafkaBatches.Spec.plain(CompressionType.NONE, 5));
        try {
            int size = buf.readableBytes();
            ByteBuf truncated = buf.slice(0, size - 1);
            assertTrue(assertThrows(CorruptRecordException.class, () -> RecordBatch.at(truncated, 0).ensureValid())
                    .getMessage().contains("bytes follow"));
            assertFalse(RecordBatch.at(buf.slice(0, 30), 0).isValid());
            buf.setInt(RecordBatch.BATCH_LENGTH_OFFSET, 10);
            assertTrue(assertThrows(CorruptRecordException.class, () -> RecordBatch.at(buf, 0).ensureValid())
                    .getMessage().contains("bytes of its header"));
        } finally {
            buf.release();
        }
    }
}
