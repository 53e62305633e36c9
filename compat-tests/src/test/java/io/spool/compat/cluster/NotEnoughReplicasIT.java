package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spool.compat.Clients;
import io.spool.compat.NumberedRecords;
import io.spool.compat.PartitionReader;
import io.spool.compat.Payloads;
import io.spool.compat.RecordPosition;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With min.insync.replicas=2 and two of three brokers down, acks=all produce is refused with
 * NOT_ENOUGH_REPLICAS before anything is appended, and everything acknowledged earlier is there once the
 * brokers return.
 */
class NotEnoughReplicasIT {
    private static final String TOPIC = "not-enough-replicas";
    private static final int PARTITIONS = 3;
    private static final int ACKNOWLEDGED = 3_000;
    private static final int REFUSED = 10;

    @RegisterExtension
    final ClusterExtension cluster = new ClusterExtension(3).with("min.insync.replicas", "2");

    @Test
    void acksAllIsRefusedWithTwoOfThreeBrokersDownAndNothingAcknowledgedIsLost() throws InterruptedException {
        SpoolCluster c = cluster.cluster();
        c.createTopic(TOPIC, PARTITIONS, 3, Map.of());
        Set<RecordPosition> acknowledged = NumberedRecords.send(c.bootstrapServers(), TOPIC, PARTITIONS, 0, ACKNOWLEDGED);

        int survivor = c.partition(TOPIC, 0).orElseThrow().leader();
        List<Integer> downed = c.nodeIds().stream().filter(id -> id != survivor).toList();
        downed.forEach(id -> c.broker(id).kill9());
        c.awaitPartitions(TOPIC, PARTITIONS, "broker " + survivor + " alone leads and is the whole ISR",
                v -> v.leader() == survivor && v.isr().equals(Set.of(survivor)));

        // No retries (so no idempotence): the first answer is the outcome the test looks at.
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(c.broker(survivor).bootstrapServers(), Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.RETRIES_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000))) {
            for (int n = ACKNOWLEDGED; n < ACKNOWLEDGED + REFUSED; n++) {
                Future<RecordMetadata> send = producer.send(new ProducerRecord<>(TOPIC, n % PARTITIONS,
                        Payloads.key(n), Payloads.textValue(n)));
                try {
                    RecordMetadata m = send.get();
                    throw new AssertionError("record " + n + " acknowledged at " + m + " with one replica in sync");
                } catch (ExecutionException e) {
                    assertInstanceOf(NotEnoughReplicasException.class, e.getCause(), "record " + n);
                }
            }
        }

        downed.forEach(id -> c.broker(id).restart());
        c.awaitPartitions(TOPIC, PARTITIONS, "all replicas back in the ISR", PartitionView::fullyInSync);
        List<ConsumerRecord<byte[], byte[]>> log =
                PartitionReader.readAll(c.bootstrapServers(), PartitionReader.partitions(TOPIC, PARTITIONS));
        Set<RecordPosition> found = log.stream().map(r -> new RecordPosition(r.partition(), r.offset()))
                .collect(Collectors.toSet());
        Set<RecordPosition> lost = new HashSet<>(acknowledged);
        lost.removeAll(found);
        assertEquals(Set.of(), lost, "acknowledged records missing after the brokers returned");
        assertEquals(ACKNOWLEDGED, log.size(), "the log holds the acknowledged records and none of the refused");
        assertTrue(log.stream().allMatch(r -> Payloads.seqOf(r.key()) < ACKNOWLEDGED), "no refused record appended");
    }
}
