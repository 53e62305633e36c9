package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batches the producer compressed with each codec are stored and served so the consumer decompresses them. */
class CompressionIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final int RECORDS = 5_000;

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void producerCompressedBatchesRoundTrip(String codec) {
        String topic = "compressed-" + codec;
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of());
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        Map<String, Object> config = Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers(), config)) {
            for (int seq = 0; seq < RECORDS; seq++) {
                producer.send(new ProducerRecord<>(topic, Payloads.key(seq), Payloads.textValue(seq)),
                        (metadata, error) -> {
                            if (error != null) {
                                firstFailure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        assertNull(firstFailure.get(), "every " + codec + " send succeeds");

        List<ConsumerRecord<byte[], byte[]>> read =
                PartitionReader.readAll(BROKER.bootstrapServers(), List.of(new TopicPartition(topic, 0)));
        assertEquals(RECORDS, read.size(), "records read back");
        for (int i = 0; i < RECORDS; i++) {
            ConsumerRecord<byte[], byte[]> record = read.get(i);
            assertEquals(i, record.offset(), "offset of the " + i + "th record");
            assertEquals(i, Payloads.seqOf(record.key()), "send order at offset " + i);
            assertArrayEquals(Payloads.textValue(i), record.value(), "value at offset " + i);
        }
    }
}
