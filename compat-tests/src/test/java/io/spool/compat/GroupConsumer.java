package io.spool.compat;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A stock consumer in a group, polling on its own thread until closed (a KafkaConsumer may only be used from
 * one thread). It records what the test needs to see from outside: every rebalance callback in order, the
 * partitions it owns, the records it processed, and the group generation and member id of its last poll.
 */
public final class GroupConsumer implements AutoCloseable {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger();

    /** When processed records are committed. */
    public enum Commit {
        /** The client's auto-commit: at least once. */
        AUTO,
        /** commitSync after processing each poll's records: a record counts as processed once committed. */
        SYNC,
        /** Never; the group's committed offsets stay as they are. */
        NONE
    }

    /** A rebalance callback: which one, and the partitions it was given. */
    public record Callback(Kind kind, Set<TopicPartition> partitions) {
        public enum Kind { ASSIGNED, REVOKED, LOST }
    }

    private final String clientId;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Commit commit;
    private final Thread poller;
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private final List<RecordPosition> processed = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile Set<TopicPartition> owned = Set.of();
    private volatile int generation = -1;
    private volatile String memberId = "";
    private volatile boolean closing;

    private GroupConsumer(String bootstrap, String group, Commit commit, Map<String, Object> overrides) {
        this.clientId = "compat-group-consumer-" + IDS.incrementAndGet();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, commit == Commit.AUTO);
        config.putAll(overrides);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.commit = commit;
        this.poller = new Thread(this::pollUntilClosed, clientId);
    }

    /** A member of {@code group} subscribed to {@code topic}, polling from now on; {@code overrides}: client configs. */
    public static GroupConsumer start(String bootstrap, String group, String topic, Commit commit,
                                      Map<String, Object> overrides) {
        GroupConsumer c = new GroupConsumer(bootstrap, group, commit, overrides);
        c.consumer.subscribe(List.of(topic), c.new Listener());
        c.poller.start();
        return c;
    }

    public String clientId() {
        return clientId;
    }

    /** The partitions this member owns after its last rebalance callback. */
    public Set<TopicPartition> owned() {
        return owned;
    }

    /** The generation of the group as of this member's last poll, -1 before it joined. */
    public int generation() {
        return generation;
    }

    public String memberId() {
        return memberId;
    }

    /** Every rebalance callback so far, in the order the client made them. */
    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    /** Records processed so far (with {@link Commit#SYNC}: processed and committed). */
    public List<RecordPosition> processed() {
        return List.copyOf(processed);
    }

    /** Fails if the poll loop hit an exception; call it from awaited conditions so failures surface early. */
    public void assertHealthy() {
        if (!failures.isEmpty()) {
            throw new AssertionError(clientId + " failed", failures.get(0));
        }
    }

    /**
     * For a member expected to fail: waits for its poll loop to end on an exception and returns that exception,
     * which then no longer counts against {@link #assertHealthy()}.
     */
    public Throwable awaitFailure(Duration timeout) {
        Await.until(clientId + " to fail", timeout, () -> !poller.isAlive());
        if (failures.isEmpty()) {
            throw new AssertionError(clientId + " stopped polling without a failure");
        }
        Throwable first = failures.get(0);
        failures.clear();
        return first;
    }

    /** Stops polling and closes the consumer (a dynamic member leaves the group; a static one stays). */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        consumer.wakeup();
        try {
            poller.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (poller.isAlive()) {
            throw new AssertionError(clientId + " did not close within " + CLOSE_TIMEOUT);
        }
        assertHealthy();
    }

    private void pollUntilClosed() {
        try {
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    processed.add(new RecordPosition(r.partition(), r.offset()));
                }
                if (commit == Commit.SYNC && !records.isEmpty()) {
                    consumer.commitSync();
                }
                recordGroupMetadata();
            }
        } catch (WakeupException e) {
            // close() asked the loop to stop
        } catch (RuntimeException e) {
            failures.add(e);
        } finally {
            closeConsumer();
        }
    }

    private void recordGroupMetadata() {
        generation = consumer.groupMetadata().generationId();
        memberId = consumer.groupMetadata().memberId();
    }

    private void closeConsumer() {
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // before the partitions show: whoever sees them owned also sees the member id that owns them
            recordGroupMetadata();
            callbacks.add(new Callback(Callback.Kind.ASSIGNED, Set.copyOf(partitions)));
            Set<TopicPartition> now = new HashSet<>(owned);
            now.addAll(partitions);
            owned = Set.copyOf(now);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            callbacks.add(new Callback(Callback.Kind.REVOKED, Set.copyOf(partitions)));
            Set<TopicPartition> now = new HashSet<>(owned);
            now.removeAll(partitions);
            owned = Set.copyOf(now);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            callbacks.add(new Callback(Callback.Kind.LOST, Set.copyOf(partitions)));
            Set<TopicPartition> now = new HashSet<>(owned);
            now.removeAll(partitions);
            owned = Set.copyOf(now);
        }
    }
}
