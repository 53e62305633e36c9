package io.spool.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Sends numbered records (see {@link Payloads}) spread round-robin over a topic's partitions. */
public final class NumberedRecords {
    private NumberedRecords() {
    }

    /**
     * Sends records {@code from} to {@code from + count - 1}, record {@code n} to partition {@code n % partitions},
     * and returns where the broker acknowledged each one.
     */
    public static Set<RecordPosition> send(String bootstrap, String topic, int partitions, int from, int count) {
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(count);
            for (int n = from; n < from + count; n++) {
                acks.add(producer.send(
                        new ProducerRecord<>(topic, n % partitions, Payloads.key(n), Payloads.textValue(n))));
            }
            List<RecordPosition> positions = new ArrayList<>(count);
            for (Future<RecordMetadata> ack : acks) {
                RecordMetadata m = ack.get();
                positions.add(new RecordPosition(m.partition(), m.offset()));
            }
            return positions.stream().collect(Collectors.toUnmodifiableSet());
        } catch (ExecutionException e) {
            throw new AssertionError("a send failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
