package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A topic's compression.type, set at creation through the AdminClient as kafka-topics --config
 * does, decides the codec of the stored batches: every producer codec round-trips to a stock
 * consumer (which checks every batch's CRC), and the segment file holds batches in the topic's
 * codec, or in the producer's when the topic says producer. The segment is read by hand (the
 * codec is the low three bits of a v2 batch's attributes) so the test runs under every client
 * generation.
 */
class TopicCompressionIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final int RECORDS = 500;
    /** Codec names by the id in a batch's attributes. */
    private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    static Stream<Arguments> topicAndProducerCodecs() {
        List<Arguments> cases = new ArrayList<>();
        for (String topic : new String[] {"producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"}) {
            for (String producer : new String[] {"none", "gzip", "snappy", "lz4", "zstd"}) {
                cases.add(Arguments.of(topic, producer));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} producer, compression.type={0}")
    @MethodSource("topicAndProducerCodecs")
    void recordsRoundTripAndAreStoredInTheTopicsCodec(String topicCodec, String producerCodec) throws IOException {
        String topic = "codec-" + topicCodec + "-from-" + producerCodec;
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of("compression.type", topicCodec,
                "compression.zstd.level", "7", "compression.gzip.level", "4", "compression.lz4.level", "12"));
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        Map<String, Object> config = Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, producerCodec,
                ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers(), config)) {
            for (int seq = 0; seq < RECORDS; seq++) {
                producer.send(new ProducerRecord<>(topic, Payloads.key(seq), Payloads.textValue(seq)), (metadata, error) -> {
                    if (error != null) {
                        firstFailure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        assertNull(firstFailure.get(), "every send succeeds");

        List<ConsumerRecord<byte[], byte[]>> read =
                PartitionReader.readAll(BROKER.bootstrapServers(), List.of(new TopicPartition(topic, 0)));
        assertEquals(RECORDS, read.size(), "records read back");
        for (int i = 0; i < RECORDS; i++) {
            ConsumerRecord<byte[], byte[]> record = read.get(i);
            assertEquals(i, record.offset());
            assertEquals(i, Payloads.seqOf(record.key()), "send order at offset " + i);
            assertArrayEquals(Payloads.textValue(i), record.value(), "value at offset " + i);
        }

        String expected = switch (topicCodec) {
            case "producer" -> producerCodec;
            case "uncompressed" -> "none";
            default -> topicCodec;
        };
        List<String> stored = storedCodecs(topic);
        assertTrue(!stored.isEmpty(), "the segment holds batches");
        assertEquals(List.of(expected), stored.stream().distinct().toList(), "codecs of the stored batches");
    }

    /** The codec of each batch in the partition's first segment, from the batch headers in the file. */
    private static List<String> storedCodecs(String topic) throws IOException {
        Path segment = BROKER.broker().dataDir().resolve(topic + "-0").resolve("00000000000000000000.log");
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<String> codecs = new ArrayList<>();
        long expectedOffset = 0;
        while (file.remaining() >= 61) {
            int start = file.position();
            long baseOffset = file.getLong(start);
            int length = file.getInt(start + 8);
            assertEquals(2, file.get(start + 16), "magic");
            assertEquals(expectedOffset, baseOffset, "batches follow each other");
            expectedOffset = baseOffset + file.getInt(start + 23) + 1;
            codecs.add(CODECS.get(file.getShort(start + 21) & 0x07));
            file.position(start + 12 + length);
        }
        assertEquals(RECORDS, expectedOffset, "the segment holds every record");
        return codecs;
    }
}
