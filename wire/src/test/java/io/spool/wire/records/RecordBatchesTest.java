package io.spool.wire.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordBatchesTest {
    private final int[] sizes = new int[3];
    private ByteBuf records;

    /** Three batches end to end (offsets 0, 3, 7), after 5 bytes that are not part of the records. */
    @BeforeEach
    void threeBatches() {
        ByteBuffer[] batches = {
            KafkaBatches.build(KafkaBatches.Spec.plain(CompressionType.NONE, 3)),
            KafkaBatches.build(KafkaBatches.Spec.plain(CompressionType.GZIP, 4).at(3, 1)),
            KafkaBatches.build(KafkaBatches.Spec.plain(CompressionType.ZSTD, 5).at(7, 1)),
        };
        records = Unpooled.buffer();
        records.writeZero(5).readerIndex(5);
        for (int i = 0; i < batches.length; i++) {
            sizes[i] = batches[i].remaining();
            records.writeBytes(batches[i]);
        }
    }

    @AfterEach
    void release() {
        records.release();
    }

    @Test
    void walksEveryBatchWithOneView() {
        RecordBatches batches = new RecordBatches(records);
        long[] baseOffsets = {0, 3, 7};
        int position = 5;
        RecordBatch first = null;
        for (int i = 0; i < 3; i++) {
            assertTrue(batches.next());
            RecordBatch batch = batches.batch();
            first = first == null ? batch : first;
            assertSame(first, batch);
            assertEquals(baseOffsets[i], batch.baseOffset());
            assertEquals(position, batch.index());
            assertTrue(batch.isValid());
            position += sizes[i];
        }
        assertFalse(batches.next());
        assertEquals(5, records.readerIndex(), "the cursor leaves the buffer's indexes alone");
        assertEquals(sizes[0] + sizes[1] + sizes[2], RecordBatches.validBytesPrefix(records));
    }

    @Test
    void emptyRecordsHaveNoBatches() {
        assertFalse(new RecordBatches(Unpooled.EMPTY_BUFFER).next());
        assertEquals(0, RecordBatches.validBytesPrefix(Unpooled.EMPTY_BUFFER));
    }

    @Test
    void tornTailIsAFramingErrorAndIsCutByTheValidPrefix() {
        int whole = sizes[0] + sizes[1];
        for (int tail : new int[] {1, 11, 12, 40, 61, sizes[2] - 1}) {
            records.writerIndex(5 + whole + tail);
            RecordBatches batches = new RecordBatches(records);
            assertTrue(batches.next());
            assertTrue(batches.next());
            CorruptRecordException e = assertThrows(CorruptRecordException.class, batches::next);
            assertTrue(e.getMessage().contains("at " + (5 + whole)), e.getMessage());
            assertEquals(whole, RecordBatches.validBytesPrefix(records));
        }
    }

    @Test
    void badLengthOrMagicIsAFramingError() {
        int second = 5 + sizes[0];
        records.setInt(second + RecordBatch.BATCH_LENGTH_OFFSET, 48);
        assertFraming("bytes of its header");
        records.setInt(second + RecordBatch.BATCH_LENGTH_OFFSET, Integer.MAX_VALUE);
        assertFraming("bytes follow");
        records.setInt(second + RecordBatch.BATCH_LENGTH_OFFSET, -5);
        assertFraming("bytes of its header");
        records.setInt(second + RecordBatch.BATCH_LENGTH_OFFSET, sizes[1] - RecordBatch.LOG_OVERHEAD);
        records.setByte(second + RecordBatch.MAGIC_OFFSET, 1);
        assertFraming("magic 1");
        assertEquals(sizes[0], RecordBatches.validBytesPrefix(records));
    }

    private void assertFraming(String expected) {
        RecordBatches batches = new RecordBatches(records);
        assertTrue(batches.next());
        CorruptRecordException e = assertThrows(CorruptRecordException.class, batches::next);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void validPrefixStopsAtABadCrcThatFramingAlonePasses() {
        int last = 5 + sizes[0] + sizes[1] + sizes[2] - 1;
        records.setByte(last, records.getByte(last) ^ 0x10);
        RecordBatches batches = new RecordBatches(records);
        int n = 0;
        while (batches.next()) {
            n++;
        }
        assertEquals(3, n);
        assertEquals(sizes[0] + sizes[1], RecordBatches.validBytesPrefix(records));
    }

    @Test
    void cursorCanBeReset() {
        RecordBatches batches = new RecordBatches(Unpooled.EMPTY_BUFFER);
        assertFalse(batches.next());
        assertTrue(batches.reset(records).next());
        assertEquals(0, batches.batch().baseOffset());
    }
}
