package io.spool.broker.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stock idempotent producer keeps sending while the broker restarts cleanly: every acknowledged
 * record is in the log exactly once and in order. The clean stop answers every request it acted
 * on, so the producer only retries what was not appended.
 */
class RestartIT {
    @TempDir
    Path dataDir;
    TestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(dataDir, "num.partitions", "1");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void streamingIdempotentProducerRidesThroughACleanRestart() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "2048");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "20");
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "20");
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger acknowledged = new AtomicInteger();
        int total = 60_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    producer.send(new ProducerRecord<>("stream", 0, null, Integer.toString(i)), (metadata, e) -> {
                        if (e != null) {
                            failures.add(e);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
                }
            });
            sender.start();
            Await.until("first records acknowledged", () -> acknowledged.get() > 5_000);
            broker.restart();
            sender.join();
            producer.flush();
        }
        assertEquals(List.of(), new ArrayList<>(failures));
        assertEquals(total, acknowledged.get());

        List<Integer> values = new ArrayList<>();
        Properties consumerProps = new Properties();
        consumerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("stream", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            Await.until("the whole log read", () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    values.add(Integer.parseInt(r.value()));
                }
                return consumer.position(tp) >= end;
            });
        }
        for (int i = 0; i < values.size(); i++) {
            assertEquals(i, values.get(i), "record " + i + " of the log: no duplicate, gap or reordering");
        }
        assertEquals(total, values.size());
    }
}
