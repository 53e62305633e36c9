package io.spool.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** librdkafka, through the kcat command-line client, against the broker and next to the Java client. */
class KcatIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void metadataListsTheBrokerAndTopics() {
        Topics.create(BROKER.bootstrapServers(), "kcat-listed", 3, Map.of());
        SpoolBroker broker = BROKER.broker();
        int id = broker.nodeId();
        String metadata = Kcat.run("", "-b", broker.bootstrapServers(), "-L");
        assertTrue(metadata.contains(" 1 brokers:"), metadata);
        assertTrue(metadata.contains("broker " + id + " at " + broker.host() + ":" + broker.port()), metadata);
        assertTrue(metadata.contains("topic \"kcat-listed\" with 3 partitions:"), metadata);
        for (int p = 0; p < 3; p++) {
            assertTrue(metadata.contains("partition " + p + ", leader " + id + ", replicas: " + id + ", isrs: " + id),
                    metadata);
        }
    }

    @Test
    void keyedLinesProducedByKcatAreConsumedBackExactly() {
        String topic = "kcat-lines";
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of());
        String lines = keyedLines(500);
        Kcat.run(lines, "-b", BROKER.bootstrapServers(), "-t", topic, "-P", "-K:");
        assertEquals(lines, consumeWithKcat(topic, "%k:%s\\n"), "kcat reads back what it wrote");

        List<ConsumerRecord<byte[], byte[]>> read =
                PartitionReader.readAll(BROKER.bootstrapServers(), List.of(new TopicPartition(topic, 0)));
        String javaView = read.stream().map(r -> new String(r.key(), UTF_8) + ":" + new String(r.value(), UTF_8) + "\n")
                .collect(Collectors.joining());
        assertEquals(lines, javaView, "the Java consumer reads what kcat wrote");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void kcatCompressedBatchesRoundTrip(String codec) {
        String topic = "kcat-compressed-" + codec;
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of());
        String lines = keyedLines(2_000);
        Kcat.run(lines, "-b", BROKER.bootstrapServers(), "-t", topic, "-P", "-K:", "-z", codec,
                "-X", "linger.ms=50");
        assertEquals(lines, consumeWithKcat(topic, "%k:%s\\n"), "kcat reads back what it wrote with " + codec);
    }

    @Test
    void headersProducedByKcatReachTheJavaConsumer() {
        String topic = "kcat-headers";
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of());
        Kcat.run("k:v\n", "-b", BROKER.bootstrapServers(), "-t", topic, "-P", "-K:", "-H", "trace=abc", "-H", "tenant=7");
        List<ConsumerRecord<byte[], byte[]>> read =
                PartitionReader.readAll(BROKER.bootstrapServers(), List.of(new TopicPartition(topic, 0)));
        assertEquals(1, read.size(), "one record");
        List<String> headers = new ArrayList<>();
        for (Header h : read.get(0).headers()) {
            headers.add(h.key() + "=" + new String(h.value(), UTF_8));
        }
        assertEquals(List.of("trace=abc", "tenant=7"), headers, "headers in order");
        assertEquals("trace=abc,tenant=7\n", consumeWithKcat(topic, "%h\\n"), "kcat reads the headers back too");
    }

    @Test
    void kcatConsumesWhatTheJavaProducerWrote() throws Exception {
        String topic = "kcat-from-java";
        int partitions = 3;
        int count = 1_000;
        Topics.create(BROKER.bootstrapServers(), topic, partitions, Map.of());
        Map<Integer, List<String>> expected = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, ("j-" + i).getBytes(UTF_8),
                        ("value " + i).getBytes(UTF_8))));
            }
            for (int i = 0; i < count; i++) {
                RecordMetadata ack = acks.get(i).get();
                expected.computeIfAbsent(ack.partition(), p -> new ArrayList<>())
                        .add(ack.partition() + ":" + ack.offset() + ":j-" + i + ":value " + i);
            }
        }
        Map<Integer, List<String>> consumed = new HashMap<>();
        for (String line : consumeWithKcat(topic, "%p:%o:%k:%s\\n").split("\n")) {
            if (!line.isEmpty()) {
                consumed.computeIfAbsent(Integer.parseInt(line.substring(0, line.indexOf(':'))), p -> new ArrayList<>())
                        .add(line);
            }
        }
        assertEquals(expected, consumed, "per partition, kcat sees the Java producer's records at their offsets");
    }

    private String consumeWithKcat(String topic, String format) {
        return Kcat.run("", "-b", BROKER.bootstrapServers(), "-t", topic, "-C", "-o", "beginning", "-e", "-q",
                "-f", format);
    }

    private static String keyedLines(int count) {
        return IntStream.range(0, count).mapToObj(i -> "key-" + i + ":value " + i + " " + "x".repeat(i % 50) + "\n")
                .collect(Collectors.joining());
    }
}
