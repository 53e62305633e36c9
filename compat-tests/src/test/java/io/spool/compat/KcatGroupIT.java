package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** librdkafka's balanced consumer (kcat -G) in the broker's consumer groups. */
class KcatGroupIT {
    @RegisterExtension
    static final BrokerExtension BROKER = GroupSettings.broker();

    private static final int PARTITIONS = 4;
    private static final Duration GROUP_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void balancedConsumerReadsEverythingAndCommitsWhereItStopped() {
        String topic = "kcat-balanced";
        Topics.create(BROKER.bootstrapServers(), topic, PARTITIONS, Map.of());
        Set<RecordPosition> produced = NumberedRecords.send(BROKER.bootstrapServers(), topic, PARTITIONS, 0, 400);

        List<RecordPosition> consumed = positions(Kcat.run("", balancedConsumer(topic, "-e")));
        assertEquals(produced.size(), consumed.size(), "records kcat -G read (each once)");
        assertEquals(produced, new HashSet<>(consumed), "kcat -G read every record");

        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = Clients.admin(BROKER.bootstrapServers())) {
            committed = Topics.get(admin.listConsumerGroupOffsets(topic).partitionsToOffsetAndMetadata());
        }
        Map<TopicPartition, Long> expected = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(new TopicPartition(topic, p), 100L);
        }
        assertEquals(expected, committed.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())),
                "librdkafka committed the end of every partition when it closed");
    }

    @Test
    void twoBalancedConsumersSplitThePartitions() {
        String topic = "kcat-pair";
        Topics.create(BROKER.bootstrapServers(), topic, PARTITIONS, Map.of());
        try (ForkedProcess first = Kcat.start(balancedConsumer(topic, "-u"));
             ForkedProcess second = Kcat.start(balancedConsumer(topic, "-u"));
             Admin admin = Clients.admin(BROKER.bootstrapServers())) {
            List<Set<Integer>> assignments = new ArrayList<>();
            Await.until("two kcat members with two partitions each", GROUP_TIMEOUT, () -> {
                for (ForkedProcess kcat : List.of(first, second)) {
                    if (!kcat.isAlive()) {
                        throw new AssertionError("kcat exited" + kcat.describeOutput());
                    }
                }
                Optional<ConsumerGroupDescription> described = describeIfExists(admin, topic);
                if (described.isEmpty()) {
                    return false;
                }
                ConsumerGroupDescription group = described.get();
                assignments.clear();
                for (MemberDescription m : group.members()) {
                    assignments.add(m.assignment().topicPartitions().stream().map(TopicPartition::partition)
                            .collect(Collectors.toSet()));
                }
                return assignments.size() == 2 && assignments.stream().allMatch(a -> a.size() == PARTITIONS / 2);
            });

            Set<RecordPosition> produced = NumberedRecords.send(BROKER.bootstrapServers(), topic, PARTITIONS, 0, 400);
            Await.until("the two kcat members to read every record", GROUP_TIMEOUT, () -> {
                Set<RecordPosition> read = new HashSet<>(positions(first.stdout()));
                read.addAll(positions(second.stdout()));
                return read.containsAll(produced);
            });
            List<RecordPosition> byFirst = positions(first.stdout());
            List<RecordPosition> bySecond = positions(second.stdout());
            Set<Integer> firstPartitions = byFirst.stream().map(RecordPosition::partition).collect(Collectors.toSet());
            Set<Integer> secondPartitions = bySecond.stream().map(RecordPosition::partition).collect(Collectors.toSet());
            assertEquals(Set.copyOf(assignments), new HashSet<>(List.of(firstPartitions, secondPartitions)),
                    "each kcat read exactly the partitions the group assigned it");
            assertEquals(produced.size(), byFirst.size() + bySecond.size(), "no record read twice");
            first.stop();
            second.stop();
        }
    }

    /**
     * The group, or empty while no member has joined yet: 4.x clients report an unknown group as
     * GroupIdNotFoundException (DescribeGroups v6, KIP-1043), older ones as a Dead group.
     */
    private static Optional<ConsumerGroupDescription> describeIfExists(Admin admin, String group) {
        Throwable failure;
        try {
            return Optional.of(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get());
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (failure instanceof GroupIdNotFoundException) {
            return Optional.empty();
        }
        throw new AssertionError("describing group " + group + " failed: " + failure, failure);
    }

    /** kcat -G on {@code topic} in the group of the same name, from the earliest offset, printing partition:offset. */
    private static String[] balancedConsumer(String topic, String extraFlag) {
        return new String[] {"-b", BROKER.bootstrapServers(), "-G", topic, "-X", "auto.offset.reset=earliest",
            "-X", "session.timeout.ms=" + GroupSettings.SESSION_TIMEOUT_MS, extraFlag, "-q", "-f", "%p:%o\\n", topic};
    }

    private static List<RecordPosition> positions(String kcatOutput) {
        List<RecordPosition> positions = new ArrayList<>();
        String complete = kcatOutput.substring(0, kcatOutput.lastIndexOf('\n') + 1);
        for (String line : complete.split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split(":");
                positions.add(new RecordPosition(Integer.parseInt(fields[0]), Long.parseLong(fields[1])));
            }
        }
        return positions;
    }
}
