package io.spool.compat;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The program {@link ForkedConsumer} runs in its own JVM: a stock consumer in a group that reports on stdout,
 * one line per event, what it owns ({@code owned 0,3}), each record it processed ({@code record 3 41}) and, with
 * auto-commit off, each successful commitSync ({@code committed}). Given a park threshold it stops polling
 * after a commit that brings its processed records to at least that many and says {@code parked}; its heartbeat
 * thread keeps it in the group until the process is killed.
 * <p>
 * Arguments: bootstrap servers, group, topic, park threshold (-1: never), then consumer configs as key=value.
 */
public final class ForkedConsumerMain {
    private ForkedConsumerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, args[1]);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        boolean autoCommit = Boolean.parseBoolean(String.valueOf(config.getOrDefault(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true")));
        int parkAfter = Integer.parseInt(args[3]);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(args[2]), new Reporter());
        int processed = 0;
        while (true) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                System.out.println("record " + r.partition() + " " + r.offset());
                processed++;
            }
            if (!autoCommit && !records.isEmpty()) {
                consumer.commitSync();
                System.out.println("committed");
                if (parkAfter >= 0 && processed >= parkAfter) {
                    System.out.println("parked");
                    new CountDownLatch(1).await();
                }
            }
        }
    }

    /** Reports the partitions owned after every rebalance callback. */
    private static final class Reporter implements ConsumerRebalanceListener {
        private final Set<Integer> owned = new TreeSet<>();

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> owned.add(tp.partition()));
            report();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> owned.remove(tp.partition()));
            report();
        }

        private void report() {
            System.out.println("owned " + owned.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }
}
