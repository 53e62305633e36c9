package io.spool.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Our hand-written batch, decoded by the pinned kafka-clients' own (internal) record classes, which is how we
 * know the probe sends what a real producer would. Runs under surefire with the pinned client only.
 */
class RecordBatchEncoderTest {
    @Test
    void kafkaClientsDecodesTheBatch() {
        byte[] large = "x".repeat(300).getBytes(UTF_8);
        byte[] bytes = RecordBatchEncoder.idempotent(4242L, (short) 3, 17, 1_700_000_000_123L,
                List.of("a".getBytes(UTF_8), new byte[0], large));
        MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(bytes));
        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertEquals(1, batches.size());
        MutableRecordBatch batch = batches.get(0);
        batch.ensureValid();
        assertEquals(2, batch.magic());
        assertEquals(4242L, batch.producerId());
        assertEquals(3, batch.producerEpoch());
        assertEquals(17, batch.baseSequence());
        assertEquals(19, batch.lastSequence());
        assertEquals(0, batch.baseOffset());
        assertEquals(2, batch.lastOffset());
        assertEquals(1_700_000_000_123L, batch.maxTimestamp());
        assertTrue(!batch.isTransactional() && !batch.isControlBatch());
        List<String> values = new ArrayList<>();
        for (Record record : batch) {
            record.ensureValid();
            assertTrue(!record.hasKey(), "null key");
            assertEquals(0, record.headers().length);
            assertEquals(1_700_000_000_123L, record.timestamp());
            values.add(new String(Utils.toArray(record.value()), UTF_8));
        }
        assertEquals(List.of("a", "", "x".repeat(300)), values);
    }
}
