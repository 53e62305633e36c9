package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spool.compat.PartitionReader;
import io.spool.compat.SpoolBroker;
import io.spool.compat.StreamingProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leader of a partition dies with kill -9 five times under a steady idempotent acks=all producer, and
 * comes back each time: nothing acknowledged is lost, nothing is duplicated, each partition keeps send order.
 */
class LeaderKillIT {
    private static final String TOPIC = "leader-kill";
    private static final int PARTITIONS = 6;
    private static final int KILLS = 5;
    private static final int RECORDS_PER_SECOND = 2_000;
    /** Acknowledgements to see after each kill, so every new leader has taken writes before the next one. */
    private static final int ACKS_BETWEEN_KILLS = 2 * RECORDS_PER_SECOND;
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final ClusterExtension cluster = new ClusterExtension(3).with("min.insync.replicas", "2");

    @Test
    void killingTheLeaderFiveTimesLosesAndDuplicatesNothingAcknowledged() {
        SpoolCluster c = cluster.cluster();
        c.createTopic(TOPIC, PARTITIONS, 3, Map.of());
        try (StreamingProducer stream = StreamingProducer.start(c.bootstrapServers(), TOPIC, PARTITIONS,
                RECORDS_PER_SECOND)) {
            stream.awaitAcknowledged(ACKS_BETWEEN_KILLS, PROGRESS_TIMEOUT);
            for (int kill = 1; kill <= KILLS; kill++) {
                int leader = c.awaitPartition(TOPIC, 0, "a leader", PartitionView::hasLeader).leader();
                SpoolBroker victim = c.broker(leader);
                victim.kill9();
                int newLeader = c.awaitNewLeader(TOPIC, 0, leader);
                System.out.printf("kill %d: broker %d (leader of %s-0) killed, broker %d leads now%n",
                        kill, leader, TOPIC, newLeader);
                stream.awaitAcknowledged(stream.acknowledged() + ACKS_BETWEEN_KILLS, PROGRESS_TIMEOUT);
                victim.restart();
                c.awaitPartitions(TOPIC, PARTITIONS, "broker " + leader + " back in the ISR",
                        PartitionView::fullyInSync);
            }
            stream.awaitAcknowledged(stream.acknowledged() + ACKS_BETWEEN_KILLS, PROGRESS_TIMEOUT);
            stream.finish();
            System.out.printf("%d records acknowledged across %d leader kills; longest produce stall %d ms%n",
                    stream.acknowledged(), KILLS, stream.longestStall().toMillis());
            assertEquals(List.of(), stream.failures(), "the idempotent producer rides through every failover");
            stream.assertLogHoldsAcknowledged(
                    PartitionReader.readAll(c.bootstrapServers(), PartitionReader.partitions(TOPIC, PARTITIONS)));
        }
    }
}
