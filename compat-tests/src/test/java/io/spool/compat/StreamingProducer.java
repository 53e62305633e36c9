package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A default (idempotent, acks=all) producer sending numbered records round-robin over a topic's partitions
 * from its own thread until told to finish, remembering where each acknowledged record landed. Tests bounce
 * the broker underneath it and then check the log against what was acknowledged.
 */
public final class StreamingProducer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamingProducer.class.getName());
    private static final int VALUE_SIZE = 100;
    private static final int MAX_UNACKNOWLEDGED = 5_000;
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(3);

    /** Where the broker said a record went. */
    public record Ack(int partition, long offset) {
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final Semaphore unacknowledged = new Semaphore(MAX_UNACKNOWLEDGED);
    private final Map<Integer, Ack> acks = new ConcurrentHashMap<>();
    private final List<Exception> failures = new CopyOnWriteArrayList<>();
    private final Thread sender;
    private final long sendIntervalNanos;
    private volatile long lastAckNanos;
    private volatile long longestStallNanos;
    private volatile boolean finishing;
    private boolean finished;
    private volatile int sent;

    private StreamingProducer(String bootstrap, String topic, int partitions, int recordsPerSecond) {
        this.producer = Clients.producer(bootstrap);
        this.topic = topic;
        this.partitions = partitions;
        this.sendIntervalNanos = recordsPerSecond > 0 ? TimeUnit.SECONDS.toNanos(1) / recordsPerSecond : 0;
        this.sender = new Thread(this::sendUntilFinished, "streaming-producer-" + topic);
    }

    /** Sends as fast as the broker acknowledges, with at most 5000 records unacknowledged. */
    public static StreamingProducer start(String bootstrap, String topic, int partitions) {
        return start(bootstrap, topic, partitions, 0);
    }

    /** Sends at a steady {@code recordsPerSecond} (no catching up after a stall), or unpaced if it is 0. */
    public static StreamingProducer start(String bootstrap, String topic, int partitions, int recordsPerSecond) {
        StreamingProducer stream = new StreamingProducer(bootstrap, topic, partitions, recordsPerSecond);
        stream.lastAckNanos = System.nanoTime();
        stream.sender.start();
        return stream;
    }

    /** The longest time between two consecutive acknowledgements (or the start and the first one). */
    public Duration longestStall() {
        return Duration.ofNanos(longestStallNanos);
    }

    public int acknowledged() {
        return acks.size();
    }

    /** Records sent whose outcome is not known yet. */
    public int inFlight() {
        return sent - acks.size() - failures.size();
    }

    /** Waits until at least {@code count} records are acknowledged; fails early if a send failed. */
    public void awaitAcknowledged(int count, Duration timeout) {
        Await.until(count + " acknowledged records on " + topic, timeout, () -> {
            if (!failures.isEmpty()) {
                throw new AssertionError("a send failed after " + acks.size() + " acks", failures.get(0));
            }
            return acks.size() >= count;
        });
    }

    /** Stops sending, waits for every sent record's outcome and closes the producer. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        finishing = true;
        try {
            sender.join(FINISH_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        producer.flush();
        producer.close(FINISH_TIMEOUT);
        LOG.log(Level.INFO, "{0}: {1} sent, {2} acknowledged, {3} failed", topic, sent, acks.size(), failures.size());
    }

    public List<Exception> failures() {
        return List.copyOf(failures);
    }

    /**
     * Checks {@code log} (every record of the topic, each partition in offset order) against the acknowledgements:
     * every acknowledged record is at its acknowledged partition and offset with its value, nothing is in the
     * log twice, and each partition holds records in send order. Records whose outcome was a failure may be
     * present once or not at all.
     */
    public void assertLogHoldsAcknowledged(List<ConsumerRecord<byte[], byte[]>> log) {
        Map<Ack, Integer> seqAt = new HashMap<>();
        int[] lastSeq = new int[partitions];
        Arrays.fill(lastSeq, -1);
        for (ConsumerRecord<byte[], byte[]> record : log) {
            int seq = Payloads.seqOf(record.key());
            int p = record.partition();
            assertTrue(seq > lastSeq[p], "partition " + p + " offset " + record.offset() + " holds record " + seq
                    + " after record " + lastSeq[p] + ": duplicated or reordered");
            assertEquals(seq % partitions, p, "record " + seq + " is in the partition it was sent to");
            assertArrayEquals(Payloads.randomValue(seq, VALUE_SIZE), record.value(), "value of record " + seq);
            lastSeq[p] = seq;
            seqAt.put(new Ack(p, record.offset()), seq);
        }
        List<String> missing = new ArrayList<>();
        acks.forEach((seq, ack) -> {
            Integer found = seqAt.get(ack);
            if (!seq.equals(found)) {
                missing.add("record " + seq + " acknowledged at " + ack + " but the log has "
                        + (found == null ? "nothing" : "record " + found) + " there");
            }
        });
        assertTrue(missing.isEmpty(), missing.size() + " acknowledged records lost or moved, e.g. "
                + missing.subList(0, Math.min(10, missing.size())));
    }

    @Override
    public void close() {
        finish();
    }

    /** Runs on the producer's I/O thread, the only thread completing sends, so the fields need no lock. */
    private void noteAck() {
        long now = System.nanoTime();
        longestStallNanos = Math.max(longestStallNanos, now - lastAckNanos);
        lastAckNanos = now;
    }

    private void sendUntilFinished() {
        int seq = 0;
        long nextSend = System.nanoTime();
        try {
            while (!finishing) {
                if (sendIntervalNanos > 0) {
                    long now = System.nanoTime();
                    if (nextSend - now > 0) {
                        LockSupport.parkNanos(nextSend - now);
                        continue;
                    }
                    nextSend = Math.max(nextSend + sendIntervalNanos, now);
                }
                if (!unacknowledged.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int s = seq++;
                producer.send(new ProducerRecord<>(topic, s % partitions, Payloads.key(s),
                        Payloads.randomValue(s, VALUE_SIZE)), (metadata, error) -> {
                            if (error == null) {
                                noteAck();
                                acks.put(s, new Ack(metadata.partition(), metadata.offset()));
                            } else {
                                failures.add(error);
                            }
                            unacknowledged.release();
                        });
                sent = seq;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
