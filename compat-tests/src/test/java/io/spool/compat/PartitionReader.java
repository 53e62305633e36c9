package io.spool.compat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads partitions from their beginning to their current end with a group-less consumer. */
public final class PartitionReader {
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private PartitionReader() {
    }

    public static List<TopicPartition> partitions(String topic, int count) {
        return IntStream.range(0, count).mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toList());
    }

    /** Every record now in {@code partitions}, each partition's records in offset order. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, Collection<TopicPartition> partitions) {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Await.until("consumer to reach end offsets " + end, READ_TIMEOUT, () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
            return records;
        }
    }
}
