package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spool.compat.Await;
import io.spool.compat.Clients;
import io.spool.compat.PartitionReader;
import io.spool.compat.Payloads;
import io.spool.compat.SpoolBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two failovers in a row, each leaving the old leader with records no follower has: the followers are frozen,
 * the leader takes acks=1 writes alone and is killed, a follower takes over and writes other records at the
 * same offsets. When the old leaders return they must truncate their divergent tails (leader epochs,
 * OffsetForLeaderEpoch) so that in the end every replica's segment files hold the same bytes.
 */
class DivergentLogsIT {
    private static final String TOPIC = "divergent";
    private static final int ROUNDS = 2;
    private static final int BATCH = 200;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final ClusterExtension cluster = new ClusterExtension(3).with("min.insync.replicas", "2");

    @Test
    void replicasEndByteIdenticalAfterTwoFailoversWithDivergentTails() throws Exception {
        SpoolCluster c = cluster.cluster();
        c.createTopic(TOPIC, 1, 3, Map.of());
        Set<Integer> committed = new HashSet<>();
        int seq = 0;
        committed.addAll(sendAcksAll(c, seq, BATCH));
        seq += BATCH;
        for (int round = 1; round <= ROUNDS; round++) {
            PartitionView view = c.awaitPartition(TOPIC, 0, "fully in sync", PartitionView::fullyInSync);
            SpoolBroker oldLeader = c.broker(view.leader());
            List<SpoolBroker> followers = view.followers().stream().map(c::broker).toList();

            followers.forEach(SpoolBroker::pause);
            sendAcksOneTo(oldLeader, seq, BATCH);
            seq += BATCH;
            oldLeader.kill9();
            followers.forEach(SpoolBroker::resume);
            byte[] divergent = ReplicaLogs.bytes(oldLeader, TOPIC, 0);

            int newLeader = c.awaitNewLeader(TOPIC, 0, view.leader());
            committed.addAll(sendAcksAll(c, seq, BATCH));
            seq += BATCH;
            byte[] takenOver = ReplicaLogs.bytes(c.broker(newLeader), TOPIC, 0);
            int at = ReplicaLogs.firstDifference(divergent, takenOver);
            assertTrue(at >= 0 && at < divergent.length, "round " + round + ": broker " + view.leader()
                    + "'s log diverges from the new leader " + newLeader + "'s (first difference at byte " + at + ")");
            System.out.printf("round %d: broker %d killed with a divergent tail from byte %d of %d; broker %d leads%n",
                    round, view.leader(), at, divergent.length, newLeader);

            oldLeader.restart();
            c.awaitPartition(TOPIC, 0, "broker " + view.leader() + " back in the ISR", PartitionView::fullyInSync);
        }

        Await.until("every replica's segments to hold the same bytes", CATCH_UP_TIMEOUT, () -> {
            List<byte[]> logs = c.nodeIds().stream().map(id -> ReplicaLogs.bytes(c.broker(id), TOPIC, 0)).toList();
            return logs.stream().allMatch(l -> Arrays.equals(l, logs.get(0)));
        });
        List<Integer> inLog = PartitionReader.readAll(c.bootstrapServers(), PartitionReader.partitions(TOPIC, 1))
                .stream().map(r -> Payloads.seqOf(r.key())).toList();
        assertEquals(inLog.size(), Set.copyOf(inLog).size(), "no record twice");
        assertTrue(Set.copyOf(inLog).containsAll(committed), "every acks=all record survives both failovers");
        // An acks=1 record may survive: a follower's fetch parked at the leader can carry it into the frozen
        // follower's socket buffer before the kill. Whatever survived was sent, and once.
        int sent = seq;
        assertTrue(inLog.stream().allMatch(n -> n >= 0 && n < sent), "only records that were sent");
    }

    /** Sends records with the default idempotent acks=all producer; returns their sequence numbers. */
    private static Set<Integer> sendAcksAll(SpoolCluster c, int from, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(c.bootstrapServers())) {
            return send(producer, from, count);
        }
    }

    /** Sends records with acks=1 through the leader alone, so they reach nobody else while the followers are frozen. */
    private static void sendAcksOneTo(SpoolBroker leader, int from, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(leader.bootstrapServers(), Map.of(
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false))) {
            send(producer, from, count);
        }
    }

    private static Set<Integer> send(KafkaProducer<byte[], byte[]> producer, int from, int count)
            throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            acks.add(producer.send(new ProducerRecord<>(TOPIC, 0, Payloads.key(n), Payloads.textValue(n))));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new AssertionError("a send failed", e.getCause());
            }
        }
        return IntStream.range(from, from + count).boxed().collect(Collectors.toSet());
    }
}
