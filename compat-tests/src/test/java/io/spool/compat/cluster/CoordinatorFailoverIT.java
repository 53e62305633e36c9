package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.spool.compat.Await;
import io.spool.compat.GroupConsumer;
import io.spool.compat.GroupConsumer.Commit;
import io.spool.compat.NumberedRecords;
import io.spool.compat.PartitionReader;
import io.spool.compat.RecordPosition;
import io.spool.compat.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of the broker coordinating a consumer group: the group's offsets (in __consumer_offsets, replication
 * factor 3) are found by the new coordinator, the member goes on without re-reading anything it committed,
 * and a new member starts where the group left off.
 */
class CoordinatorFailoverIT {
    private static final String TOPIC = "coordinator-failover";
    private static final String GROUP = "failover-group";
    private static final int PARTITIONS = 3;
    private static final int BATCH = 600;
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final ClusterExtension cluster = new ClusterExtension(3).with("offsets.topic.replication.factor", "3");

    @Test
    void groupKeepsItsOffsetsAndContinuesWhenItsCoordinatorDies() {
        SpoolCluster c = cluster.cluster();
        c.createTopic(TOPIC, PARTITIONS, 3, Map.of());
        Set<RecordPosition> sent = new HashSet<>(NumberedRecords.send(c.bootstrapServers(), TOPIC, PARTITIONS, 0, BATCH));
        int coordinator;
        try (GroupConsumer member = GroupConsumer.start(c.bootstrapServers(), GROUP, TOPIC, Commit.SYNC, Map.of())) {
            awaitProcessed(member, BATCH);
            awaitCommittedToEnd(c);
            coordinator = coordinator(c);
            c.awaitPartitions("__consumer_offsets", 1, "fully replicated", PartitionView::fullyInSync);
            c.broker(coordinator).kill9();

            sent.addAll(NumberedRecords.send(c.bootstrapServers(), TOPIC, PARTITIONS, BATCH, BATCH));
            awaitProcessed(member, 2 * BATCH);
            List<RecordPosition> processed = member.processed();
            assertEquals(processed.size(), Set.copyOf(processed).size(), "records processed twice: a commit was lost");
            assertEquals(sent, Set.copyOf(processed), "the member processed every record once");
            awaitCommittedToEnd(c);
        }
        int successor = coordinator(c);
        assertNotEquals(coordinator, successor, "the group has a new coordinator");
        System.out.printf("group coordinator moved from broker %d to %d%n", coordinator, successor);

        Set<RecordPosition> more = NumberedRecords.send(c.bootstrapServers(), TOPIC, PARTITIONS, 2 * BATCH, 30);
        try (GroupConsumer newcomer = GroupConsumer.start(c.bootstrapServers(), GROUP, TOPIC, Commit.SYNC, Map.of())) {
            awaitProcessed(newcomer, more.size());
            assertEquals(more, Set.copyOf(newcomer.processed()), "a new member starts at the committed offsets");
        }
    }

    private static void awaitProcessed(GroupConsumer member, int count) {
        Await.until(member.clientId() + " to process " + count + " records", PROGRESS_TIMEOUT, () -> {
            member.assertHealthy();
            return member.processed().size() >= count;
        });
    }

    /** Waits until the group's committed offsets, as the admin client reads them, are the partitions' ends. */
    private static void awaitCommittedToEnd(SpoolCluster c) {
        Map<TopicPartition, OffsetSpec> latest = PartitionReader.partitions(TOPIC, PARTITIONS).stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = Topics.get(c.admin().listOffsets(latest).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Await.until(GROUP + "'s committed offsets to reach " + ends, PROGRESS_TIMEOUT, () -> {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        Topics.get(c.admin().listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata());
                return ends.equals(committed.entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
            } catch (AssertionError e) {
                return false;
            }
        });
    }

    private static int coordinator(SpoolCluster c) {
        return Topics.get(c.admin().describeConsumerGroups(List.of(GROUP)).all()).get(GROUP).coordinator().id();
    }
}
