package io.spool.compat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Stock clients with their default configuration except for what a test names. */
public final class Clients {
    private static final AtomicInteger IDS = new AtomicInteger();

    private Clients() {
    }

    /** A producer with the client's defaults (idempotent, acks=all) plus {@code overrides}. */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "compat-producer-" + IDS.incrementAndGet());
        config.putAll(overrides);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return producer(bootstrap, Map.of());
    }

    /** A consumer without a group: tests assign partitions themselves and commit nothing. */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "compat-consumer-" + IDS.incrementAndGet());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static Admin admin(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "compat-admin-" + IDS.incrementAndGet());
        return Admin.create(config);
    }
}
