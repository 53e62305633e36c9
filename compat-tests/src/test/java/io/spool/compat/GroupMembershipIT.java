package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group membership with the classic protocol as stock consumers live it: a member killed without leaving,
 * incremental cooperative rebalancing across scale-up and scale-down, a static member's restart, and a
 * second instance with the same group.instance.id.
 */
class GroupMembershipIT {
    @RegisterExtension
    static final BrokerExtension BROKER = GroupSettings.broker();

    private static final int PARTITIONS = 6;
    private static final Set<Integer> ALL = IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toUnmodifiableSet());
    private static final Duration REBALANCE_TIMEOUT = Duration.ofSeconds(60);
    private static final int RECORDS_PER_HALF = 1_500;
    private static final int PARK_AFTER = 100;

    @Test
    void killedMembersPartitionsMoveAndAutoCommitConsumesEveryRecordAtLeastOnce() {
        String topic = "kill-auto-commit";
        Map<String, Object> config = new HashMap<>(GroupSettings.fastRebalance());
        config.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 100);
        Map<String, String> forkedConfig = new HashMap<>(GroupSettings.asStrings(config));
        forkedConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        forkedConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        Topics.create(BROKER.bootstrapServers(), topic, PARTITIONS, Map.of());
        try (GroupConsumer a = member(topic, GroupConsumer.Commit.AUTO, config);
             GroupConsumer b = member(topic, GroupConsumer.Commit.AUTO, config);
             ForkedConsumer killed = ForkedConsumer.start(BROKER.bootstrapServers(), topic, topic, -1, forkedConfig)) {
            awaitTwoEach(a, b, killed);
            Set<RecordPosition> produced = new HashSet<>(
                    NumberedRecords.send(BROKER.bootstrapServers(), topic, PARTITIONS, 0, RECORDS_PER_HALF));
            Await.until("the member to be killed to consume " + PARK_AFTER + " records", REBALANCE_TIMEOUT, () -> {
                killed.assertAlive();
                return killed.processed().size() >= PARK_AFTER;
            });
            killed.kill9();
            produced.addAll(NumberedRecords.send(BROKER.bootstrapServers(), topic, PARTITIONS, RECORDS_PER_HALF,
                    RECORDS_PER_HALF));

            awaitSurvivorsOwnEverything(a, b);
            Await.until("every record consumed by some member", REBALANCE_TIMEOUT, () -> {
                a.assertHealthy();
                b.assertHealthy();
                return consumedBy(a, b, killed).containsAll(produced);
            });
            Set<RecordPosition> consumed = new HashSet<>(consumedBy(a, b, killed));
            consumed.removeAll(produced);
            assertEquals(Set.of(), consumed, "nothing consumed that was not produced");
        }
    }

    @Test
    void killedMembersPartitionsMoveAndCommitSyncProcessesEveryRecordExactlyOnce() {
        String topic = "kill-commit-sync";
        Map<String, Object> config = GroupSettings.fastRebalance();
        Map<String, String> forkedConfig = new HashMap<>(GroupSettings.asStrings(config));
        forkedConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        forkedConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        Topics.create(BROKER.bootstrapServers(), topic, PARTITIONS, Map.of());
        try (GroupConsumer a = member(topic, GroupConsumer.Commit.SYNC, config);
             GroupConsumer b = member(topic, GroupConsumer.Commit.SYNC, config);
             ForkedConsumer killed =
                     ForkedConsumer.start(BROKER.bootstrapServers(), topic, topic, PARK_AFTER, forkedConfig)) {
            awaitTwoEach(a, b, killed);
            Set<RecordPosition> produced = new HashSet<>(
                    NumberedRecords.send(BROKER.bootstrapServers(), topic, PARTITIONS, 0, RECORDS_PER_HALF));
            Await.until("the member to be killed to commit " + PARK_AFTER + " records and stop", REBALANCE_TIMEOUT, () -> {
                killed.assertAlive();
                return killed.parked();
            });
            killed.kill9();
            produced.addAll(NumberedRecords.send(BROKER.bootstrapServers(), topic, PARTITIONS, RECORDS_PER_HALF,
                    RECORDS_PER_HALF));

            awaitSurvivorsOwnEverything(a, b);
            Await.until("every record processed and committed by some member", REBALANCE_TIMEOUT, () -> {
                a.assertHealthy();
                b.assertHealthy();
                return consumedBy(a, b, killed).containsAll(produced);
            });
            List<RecordPosition> processed = consumedBy(a, b, killed);
            Map<RecordPosition, Long> times = processed.stream()
                    .collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
            times.values().removeIf(n -> n == 1);
            assertEquals(Map.of(), times, "records processed more than once: the survivors did not resume exactly "
                    + "at the killed member's committed offsets");
            assertEquals(produced, new HashSet<>(processed), "every record processed exactly once");
        }
    }

    @Test
    void cooperativeStickyRebalancesMoveOnlyThePartitionsThatMust() {
        String topic = "cooperative";
        Topics.create(BROKER.bootstrapServers(), topic, PARTITIONS, Map.of());
        Map<String, Object> config = new HashMap<>(GroupSettings.fastRebalance());
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        try (GroupConsumer a = member(topic, GroupConsumer.Commit.AUTO, config)) {
            awaitOwnership("the first member to own every partition", a);
            Step scaleToTwo = new Step(a);
            try (GroupConsumer b = member(topic, GroupConsumer.Commit.AUTO, config)) {
                awaitOwnership("two members with three partitions each", a, b);
                scaleToTwo.assertOnlyGaveUp(a, 3);
                Step scaleToThree = new Step(a, b);
                try (GroupConsumer c = member(topic, GroupConsumer.Commit.AUTO, config)) {
                    awaitOwnership("three members with two partitions each", a, b, c);
                    scaleToThree.assertOnlyGaveUp(a, 1);
                    scaleToThree.assertOnlyGaveUp(b, 1);
                    assertNoCallbackLost(a, b, c);
                    assertBrokerReportsAssignments(topic, "cooperative-sticky", a, b, c);

                    Step scaleToTwoAgain = new Step(a, b);
                    c.close();
                    awaitOwnership("two members again, three partitions each", a, b);
                    scaleToTwoAgain.assertOnlyGaveUp(a, 0);
                    scaleToTwoAgain.assertOnlyGaveUp(b, 0);
                }
                Step scaleToOne = new Step(a);
                b.close();
                awaitOwnership("the last member to own every partition", a);
                scaleToOne.assertOnlyGaveUp(a, 0);
            }
            assertNoCallbackLost(a);
        }
    }

    @Test
    void staticMemberRestartedWithinItsSessionKeepsItsPartitionsWithoutARebalance() {
        String topic = "static";
        Topics.create(BROKER.bootstrapServers(), topic, PARTITIONS, Map.of());
        Map<String, Object> config = new HashMap<>(GroupSettings.fastRebalance());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);
        try (GroupConsumer a = startStatic(topic, "static-a", config);
             GroupConsumer b = startStatic(topic, "static-b", config)) {
            int generation;
            Set<TopicPartition> ownedBeforeRestart;
            Step restart;
            try (GroupConsumer c = startStatic(topic, "static-c", config)) {
                awaitOwnership("three static members with two partitions each", a, b, c);
                Await.until("the three members to report one generation", REBALANCE_TIMEOUT,
                        () -> a.generation() > 0 && a.generation() == b.generation() && b.generation() == c.generation());
                generation = a.generation();
                ownedBeforeRestart = c.owned();
                restart = new Step(a, b);
            } // a static member's close does not leave the group
            try (GroupConsumer restarted = startStatic(topic, "static-c", config)) {
                Await.until("the restarted member to own partitions again", REBALANCE_TIMEOUT, () -> {
                    restarted.assertHealthy();
                    return !restarted.owned().isEmpty() && restarted.generation() > 0;
                });
                assertEquals(ownedBeforeRestart, restarted.owned(), "the restarted static member gets its partitions back");
                assertEquals(generation, restarted.generation(), "it rejoined the same generation: no rebalance");
                assertEquals(generation, a.generation(), "generation another member sees");
                assertEquals(generation, b.generation(), "generation another member sees");
                restart.assertNoCallbacks(a);
                restart.assertNoCallbacks(b);
            }
        }
    }

    @Test
    void secondMemberWithTheSameInstanceIdFencesTheFirst() {
        String topic = "static-fenced";
        Topics.create(BROKER.bootstrapServers(), topic, PARTITIONS, Map.of());
        try (GroupConsumer first = startStatic(topic, "twin", GroupSettings.fastRebalance())) {
            awaitOwnership("the first instance to own every partition", first);
            try (GroupConsumer second = startStatic(topic, "twin", GroupSettings.fastRebalance())) {
                assertInstanceOf(FencedInstanceIdException.class, first.awaitFailure(REBALANCE_TIMEOUT),
                        "what the replaced instance's client reports");
                awaitOwnership("the new instance to own every partition", second);
            }
        }
    }

    private static GroupConsumer startStatic(String topic, String instanceId, Map<String, Object> config) {
        Map<String, Object> withInstance = new HashMap<>(config);
        withInstance.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        return member(topic, GroupConsumer.Commit.AUTO, withInstance);
    }

    /** A member of the group named after {@code topic}, subscribed to it. */
    private static GroupConsumer member(String topic, GroupConsumer.Commit commit, Map<String, Object> config) {
        return GroupConsumer.start(BROKER.bootstrapServers(), topic, topic, commit, config);
    }

    /** Waits for the three members' reported assignments to be two partitions each and to cover the topic. */
    private static void awaitTwoEach(GroupConsumer a, GroupConsumer b, ForkedConsumer forked) {
        Await.until("three members with two partitions each", REBALANCE_TIMEOUT, () -> {
            a.assertHealthy();
            b.assertHealthy();
            forked.assertAlive();
            return isEvenCover(List.of(partitions(a.owned()), partitions(b.owned()), forked.owned()));
        });
    }

    private static void awaitSurvivorsOwnEverything(GroupConsumer a, GroupConsumer b) {
        Await.until("the killed member's partitions to move to the survivors after its session timed out",
                REBALANCE_TIMEOUT, () -> {
                    a.assertHealthy();
                    b.assertHealthy();
                    return isEvenCover(List.of(partitions(a.owned()), partitions(b.owned())));
                });
    }

    private static void awaitOwnership(String what, GroupConsumer... members) {
        Await.until(what, REBALANCE_TIMEOUT, () -> {
            List<Set<Integer>> owned = new ArrayList<>();
            for (GroupConsumer m : members) {
                m.assertHealthy();
                owned.add(partitions(m.owned()));
            }
            return isEvenCover(owned);
        });
    }

    /** Every partition owned by exactly one member, and every member owning the same number. */
    private static boolean isEvenCover(List<Set<Integer>> owned) {
        List<Integer> all = owned.stream().flatMap(Collection::stream).toList();
        return all.size() == PARTITIONS && new HashSet<>(all).equals(ALL)
                && owned.stream().allMatch(s -> s.size() == PARTITIONS / owned.size());
    }

    private static List<RecordPosition> consumedBy(GroupConsumer a, GroupConsumer b, ForkedConsumer forked) {
        List<RecordPosition> all = new ArrayList<>(a.processed());
        all.addAll(b.processed());
        all.addAll(forked.processed());
        return all;
    }

    private static Set<Integer> partitions(Set<TopicPartition> owned) {
        return owned.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private static void assertNoCallbackLost(GroupConsumer... members) {
        for (GroupConsumer m : members) {
            assertTrue(m.callbacks().stream().noneMatch(c -> c.kind() == GroupConsumer.Callback.Kind.LOST),
                    m.clientId() + " lost partitions (a session or generation problem): " + m.callbacks());
        }
    }

    /** DescribeGroups agrees with what each member was given through SyncGroup. */
    private static void assertBrokerReportsAssignments(String group, String assignor, GroupConsumer... members) {
        try (Admin admin = Clients.admin(BROKER.bootstrapServers())) {
            ConsumerGroupDescription description =
                    Topics.get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
            assertEquals(assignor, description.partitionAssignor(), "assignor the group chose");
            Map<String, Set<TopicPartition>> byClient = description.members().stream().collect(
                    Collectors.toMap(MemberDescription::clientId, m -> m.assignment().topicPartitions()));
            Map<String, Set<TopicPartition>> expected = new HashMap<>();
            for (GroupConsumer m : members) {
                expected.put(m.clientId(), m.owned());
            }
            assertEquals(expected, byClient, "members and assignments DescribeGroups reports");
        }
    }

    /** The rebalance callbacks members receive from now on. */
    private static final class Step {
        private final Map<GroupConsumer, Integer> marks = new HashMap<>();
        private final Map<GroupConsumer, Set<TopicPartition>> ownedBefore = new HashMap<>();

        Step(GroupConsumer... members) {
            for (GroupConsumer m : members) {
                marks.put(m, m.callbacks().size());
                ownedBefore.put(m, m.owned());
            }
        }

        /**
         * The member was asked to revoke exactly the {@code count} partitions it no longer owns, nothing it kept:
         * an incremental rebalance, not an eager one that revokes everything.
         */
        void assertOnlyGaveUp(GroupConsumer member, int count) {
            Set<TopicPartition> revoked = new HashSet<>();
            for (GroupConsumer.Callback c : since(member)) {
                if (c.kind() != GroupConsumer.Callback.Kind.ASSIGNED) {
                    revoked.addAll(c.partitions());
                }
            }
            Set<TopicPartition> givenUp = new HashSet<>(ownedBefore.get(member));
            givenUp.removeAll(member.owned());
            assertEquals(count, givenUp.size(), member.clientId() + " moved partitions " + givenUp);
            assertEquals(givenUp, revoked, member.clientId() + " revoked partitions: only those that moved away; "
                    + "callbacks " + since(member));
        }

        void assertNoCallbacks(GroupConsumer member) {
            assertEquals(List.of(), since(member), member.clientId() + " saw a rebalance");
        }

        private List<GroupConsumer.Callback> since(GroupConsumer member) {
            List<GroupConsumer.Callback> all = member.callbacks();
            return all.subList(marks.get(member), all.size());
        }
    }
}
