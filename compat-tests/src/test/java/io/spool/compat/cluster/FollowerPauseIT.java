package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spool.compat.Await;
import io.spool.compat.Clients;
import io.spool.compat.SpoolBroker;
import io.spool.compat.StreamingProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A follower frozen with SIGSTOP drops out of the ISR once it lags past replica.lag.time.max.ms, the high
 * watermark moves on without it, and after SIGCONT it catches up and rejoins. The ZooKeeper session outlives
 * the pause, so it is the leader's lag check that removes the follower, not the broker's death.
 */
class FollowerPauseIT {
    private static final String TOPIC = "follower-pause";
    private static final long LAG_MS = 3_000;
    /** Room for a fetch round, the ISR change through ZooKeeper and the admin client's view of it. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    @RegisterExtension
    final ClusterExtension cluster = new ClusterExtension(3)
            .with("replica.lag.time.max.ms", Long.toString(LAG_MS))
            .with("zookeeper.session.timeout.ms", "30000")
            .with("min.insync.replicas", "2");

    @Test
    void pausedFollowerLeavesTheIsrAndRejoinsAfterResume() {
        SpoolCluster c = cluster.cluster();
        c.createTopic(TOPIC, 1, 3, Map.of());
        PartitionView before = c.awaitPartition(TOPIC, 0, "a leader", PartitionView::fullyInSync);
        int controller = c.controller().orElseThrow();
        int followerId = before.followers().stream().filter(id -> id != controller).findFirst().orElseThrow();
        SpoolBroker follower = c.broker(followerId);
        SpoolBroker leader = c.broker(before.leader());
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        try (StreamingProducer stream = StreamingProducer.start(c.bootstrapServers(), TOPIC, 1, 500);
             KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(leader.bootstrapServers())) {
            stream.awaitAcknowledged(500, Duration.ofSeconds(30));
            follower.pause();
            long pausedAt = System.nanoTime();
            c.awaitPartition(TOPIC, 0, "paused follower " + followerId + " out of the ISR",
                    Duration.ofMillis(LAG_MS).plus(SLACK), v -> !v.isr().contains(followerId));
            long outOfIsr = System.nanoTime();
            long highWatermark = endOffset(consumer, tp);
            Await.until("the high watermark to pass " + highWatermark + " while the follower is paused",
                    Duration.ofSeconds(30), () -> endOffset(consumer, tp) > highWatermark + 100);
            assertEquals(before.leader(), c.partition(TOPIC, 0).orElseThrow().leader(),
                    "leadership stays where it was");
            follower.resume();
            c.awaitPartition(TOPIC, 0, "resumed follower " + followerId + " back in the ISR",
                    PartitionView::fullyInSync);
            System.out.printf("follower %d paused: out of the ISR after %d ms, high watermark moved %d -> %d; "
                    + "back in the ISR %d ms after leaving it%n", followerId,
                    Duration.ofNanos(outOfIsr - pausedAt).toMillis(), highWatermark, endOffset(consumer, tp),
                    Duration.ofNanos(System.nanoTime() - outOfIsr).toMillis());
            stream.finish();
            assertEquals(List.of(), stream.failures(), "acks=all produce goes on once the ISR has shrunk");
        }
    }

    private static long endOffset(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp) {
        return Optional.ofNullable(consumer.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp)).orElse(-1L);
    }
}
