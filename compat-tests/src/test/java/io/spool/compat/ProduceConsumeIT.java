package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The everyday path: a default producer writes, a consumer reads everything back byte for byte, in order. */
class ProduceConsumeIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final int RECORDS = 100_000;
    private static final int VALUE_SIZE = 100;
    private static final int PARTITIONS = 3;

    @Test
    void defaultProducerRecordsAreReadBackExactlyAndInOrder() {
        String topic = "bulk";
        Topics.create(BROKER.bootstrapServers(), topic, PARTITIONS, Map.of());
        int[] partitionOf = new int[RECORDS];
        long[] offsetOf = new long[RECORDS];
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers())) {
            for (int seq = 0; seq < RECORDS; seq++) {
                int s = seq;
                producer.send(new ProducerRecord<>(topic, Payloads.key(seq), Payloads.randomValue(seq, VALUE_SIZE)),
                        (metadata, error) -> {
                            if (error != null) {
                                firstFailure.compareAndSet(null, error);
                                return;
                            }
                            partitionOf[s] = metadata.partition();
                            offsetOf[s] = metadata.offset();
                            acknowledged.incrementAndGet();
                        });
            }
            producer.flush();
        }
        assertNull(firstFailure.get(), "every send succeeds");
        assertEquals(RECORDS, acknowledged.get(), "every record is acknowledged");

        List<ConsumerRecord<byte[], byte[]>> records =
                PartitionReader.readAll(BROKER.bootstrapServers(), PartitionReader.partitions(topic, PARTITIONS));
        assertEquals(RECORDS, records.size(), "records read back");
        boolean[] seen = new boolean[RECORDS];
        long[] nextOffset = new long[PARTITIONS];
        int[] lastSeq = {-1, -1, -1};
        for (ConsumerRecord<byte[], byte[]> record : records) {
            int seq = Payloads.seqOf(record.key());
            int p = record.partition();
            assertFalse(seen[seq], "record " + seq + " read once");
            seen[seq] = true;
            assertEquals(partitionOf[seq], p, "partition of record " + seq);
            assertEquals(offsetOf[seq], record.offset(), "acknowledged offset of record " + seq);
            assertEquals(nextOffset[p], record.offset(), "offsets are dense in partition " + p);
            assertTrue(seq > lastSeq[p], "send order kept in partition " + p + " at offset " + record.offset());
            assertArrayEquals(Payloads.randomValue(seq, VALUE_SIZE), record.value(), "value of record " + seq);
            nextOffset[p]++;
            lastSeq[p] = seq;
        }
        for (int p = 0; p < PARTITIONS; p++) {
            assertTrue(nextOffset[p] > 0, "keys spread over partition " + p);
        }
    }
}
