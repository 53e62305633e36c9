package io.spool.compat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Commits chosen offsets as a real member would: join the group, commitSync, leave (the group is then Empty). */
public final class GroupCommits {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private GroupCommits() {
    }

    /** Joins {@code group} subscribed to {@code topic}, commits {@code offsets}, leaves; returns the client id used. */
    public static String commitAsMember(String bootstrap, String group, String topic,
                                        Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<String, Object> config = new HashMap<>(GroupSettings.fastRebalance());
        String clientId = group + "-committer";
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Await.until("the member to be assigned " + offsets.keySet(), JOIN_TIMEOUT, () -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().equals(offsets.keySet());
            });
            consumer.commitSync(offsets);
        }
        return clientId;
    }
}
