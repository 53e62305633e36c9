package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A clean restart (SIGTERM, start again on the same data) changes nothing a client can see. */
class RestartIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(2);
    private static final int SEGMENTED_RECORDS = 30_000;
    private static final int BOUNCES = 3;

    @Test
    void topicsTheirIdsConfigsAndDataSurviveCleanRestart() throws Exception {
        SpoolBroker broker = BROKER.broker();
        Map<String, Integer> topics = Map.of("kept-segmented", 1, "kept-log-append-time", 2, "kept-plain", 3);
        Topics.create(broker.bootstrapServers(), "kept-segmented", 1,
                Map.of("segment.bytes", "1048576", "retention.ms", "-1"));
        Topics.create(broker.bootstrapServers(), "kept-log-append-time", 2,
                Map.of("message.timestamp.type", "LogAppendTime", "max.message.bytes", "2000000"));
        Topics.create(broker.bootstrapServers(), "kept-plain", 3, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrapServers())) {
            for (int seq = 0; seq < SEGMENTED_RECORDS; seq++) {
                producer.send(new ProducerRecord<>("kept-segmented", Payloads.key(seq), Payloads.randomValue(seq, 100)));
                if (seq % 10 == 0) {
                    producer.send(new ProducerRecord<>("kept-log-append-time", Payloads.key(seq), Payloads.textValue(seq)));
                    producer.send(new ProducerRecord<>("kept-plain", null, Payloads.textValue(seq)));
                }
            }
            producer.flush();
        }
        Map<String, String> before = visibleState(broker.bootstrapServers(), topics);
        assertEquals("{retention.ms=-1, segment.bytes=1048576}", before.get("kept-segmented configs"));
        assertEquals("{max.message.bytes=2000000, message.timestamp.type=LogAppendTime}",
                before.get("kept-log-append-time configs"));
        assertEquals(SEGMENTED_RECORDS, before.get("kept-segmented records").lines().count(), "records written");
        assertTrue(broker.segmentFiles("kept-segmented", 0) > 1, "1 MiB segments rolled, so recovery sees several");

        broker.stop();
        broker.restart();

        Map<String, String> after = visibleState(broker.bootstrapServers(), topics);
        for (String topic : topics.keySet()) {
            assertEquals(before.get(topic + " description"), after.get(topic + " description"), topic + " description");
            assertEquals(before.get(topic + " configs"), after.get(topic + " configs"), topic + " configs");
            assertEquals(before.get(topic + " records"), after.get(topic + " records"), topic + " records");
        }
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrapServers())) {
            long next = producer.send(new ProducerRecord<>("kept-segmented", Payloads.key(-1), new byte[1])).get().offset();
            assertEquals(SEGMENTED_RECORDS, next, "appending continues after the last record");
        }
    }

    /**
     * Whatever requests are in flight at SIGTERM, the producer's retries after the restart must neither lose
     * nor duplicate records. Each bounce catches the pipeline at a different point, so there are several.
     */
    @Test
    void openProducerContinuesAcrossCleanRestarts() {
        String topic = "kept-streaming";
        int partitions = 3;
        SpoolBroker broker = BROKER.broker();
        Topics.create(broker.bootstrapServers(), topic, partitions, Map.of());
        try (StreamingProducer stream = StreamingProducer.start(broker.bootstrapServers(), topic, partitions)) {
            for (int bounce = 0; bounce < BOUNCES; bounce++) {
                stream.awaitAcknowledged(stream.acknowledged() + 10_000, PROGRESS_TIMEOUT);
                assertTrue(stream.inFlight() > 0, "records in flight when the broker goes down");
                broker.stop();
                broker.restart();
            }
            stream.awaitAcknowledged(stream.acknowledged() + 10_000, PROGRESS_TIMEOUT);
            stream.finish();
            assertEquals(List.of(), stream.failures(), "the producer rides through the restarts by retrying");
            stream.assertLogHoldsAcknowledged(
                    PartitionReader.readAll(broker.bootstrapServers(), PartitionReader.partitions(topic, partitions)));
        }
    }

    @Test
    void idempotentProducerStateSurvivesCleanRestart() {
        String topic = "kept-producer-state";
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of());
        ProducerStateProbe.assertSurvives(BROKER.broker(), topic, broker -> {
            broker.stop();
            broker.restart();
        });
    }

    /** What a client sees of each topic, as text: description (with topic id), explicit configs, every record. */
    private static Map<String, String> visibleState(String bootstrap, Map<String, Integer> topics)
            throws ExecutionException, InterruptedException {
        Map<String, String> state = new TreeMap<>();
        try (Admin admin = Clients.admin(bootstrap)) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics.keySet()).allTopicNames().get();
            List<ConfigResource> resources = new ArrayList<>();
            topics.keySet().forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (String topic : topics.keySet()) {
                state.put(topic + " description", descriptions.get(topic).toString());
                Map<String, String> explicit = new TreeMap<>();
                for (ConfigEntry entry : configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).entries()) {
                    if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                        explicit.put(entry.name(), entry.value());
                    }
                }
                state.put(topic + " configs", explicit.toString());
            }
        }
        for (Map.Entry<String, Integer> topic : topics.entrySet()) {
            StringBuilder records = new StringBuilder();
            List<ConsumerRecord<byte[], byte[]>> all = PartitionReader.readAll(bootstrap,
                    PartitionReader.partitions(topic.getKey(), topic.getValue()));
            for (ConsumerRecord<byte[], byte[]> r : all) {
                records.append(r.partition()).append(':').append(r.offset()).append(':').append(r.timestampType())
                        .append(':').append(r.timestamp()).append(':').append(hex(r.key())).append(':')
                        .append(hex(r.value())).append('\n');
            }
            state.put(topic.getKey() + " records", records.toString());
        }
        return state;
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "null" : HexFormat.of().formatHex(bytes);
    }
}
