package io.spool.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spool.compat.RawKafkaClient.PartitionResult;
import io.spool.compat.RawKafkaClient.ProducerId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Shows whether a broker still knows an idempotent producer after a bounce: the producer's last batch, sent
 * again, must be answered as a duplicate with its original offset and not appended; a sequence gap must be
 * refused; the next sequence must be appended. Kafka guarantees the last batch across restarts (its producer
 * snapshot keeps one batch per producer), and the last five while running. Batches carry the current time,
 * as a real producer's do: a broker forgets producers whose last timestamp is older than
 * {@code producer.id.expiration.ms}, and an old timestamp would make the probe measure that instead.
 */
public final class ProducerStateProbe {
    private static final short NONE = 0;
    private static final short OUT_OF_ORDER_SEQUENCE_NUMBER = 45;

    private ProducerStateProbe() {
    }

    /** Runs the probe on partition 0 of {@code topic} (which must exist and be empty) around {@code bounce}. */
    public static void assertSurvives(SpoolBroker broker, String topic, Consumer<SpoolBroker> bounce) {
        ProducerId producer;
        byte[] second;
        long secondOffset;
        try (RawKafkaClient client = new RawKafkaClient(broker.host(), broker.port())) {
            producer = client.initProducerId();
            byte[] first = batch(producer, 0, "a", "b", "c");
            second = batch(producer, 3, "d", "e");
            long firstOffset = appended(client.produce(topic, 0, first), "first batch");
            secondOffset = appended(client.produce(topic, 0, second), "second batch");
            assertEquals(firstOffset + 3, secondOffset, "second batch follows the first");
            assertEquals(new PartitionResult(NONE, firstOffset), client.produce(topic, 0, first),
                    "a resent batch among the producer's last five is a duplicate answered with its offset");
            assertEquals(new PartitionResult(NONE, secondOffset), client.produce(topic, 0, second),
                    "the resent last batch is a duplicate answered with its offset");
        }

        bounce.accept(broker);

        try (RawKafkaClient client = new RawKafkaClient(broker.host(), broker.port())) {
            assertEquals(new PartitionResult(NONE, secondOffset), client.produce(topic, 0, second),
                    "after the bounce, the resent last batch is still a duplicate answered with its offset");
            assertEquals(OUT_OF_ORDER_SEQUENCE_NUMBER, client.produce(topic, 0, batch(producer, 7, "gap")).errorCode(),
                    "after the bounce, a sequence gap (7 where 5 is next) is refused");
            assertEquals(new PartitionResult(NONE, secondOffset + 2), client.produce(topic, 0, batch(producer, 5, "f")),
                    "after the bounce, the next sequence is appended");
        }

        List<String> values = PartitionReader.readAll(broker.bootstrapServers(), List.of(new TopicPartition(topic, 0)))
                .stream().map(r -> new String(r.value(), UTF_8)).collect(Collectors.toList());
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), values, "each batch is in the log exactly once");
    }

    private static byte[] batch(ProducerId producer, int baseSequence, String... values) {
        List<byte[]> bytes = Arrays.stream(values).map(v -> v.getBytes(UTF_8)).collect(Collectors.toList());
        return RecordBatchEncoder.idempotent(producer.id(), producer.epoch(), baseSequence,
                System.currentTimeMillis(), bytes);
    }

    private static long appended(PartitionResult result, String what) {
        assertEquals(NONE, result.errorCode(), what + " appended without error");
        return result.baseOffset();
    }
}
