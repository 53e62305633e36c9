package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AdminClient's consumer-group operations, and the errors Kafka gives for groups and commits that make no
 * sense. {@code ConsumerGroupState} is deprecated in 4.x but is what both client generations offer.
 */
@SuppressWarnings("deprecation")
class GroupAdminIT {
    @RegisterExtension
    static final BrokerExtension BROKER = GroupSettings.broker();

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    /** COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR: clients retry them. */
    private static final Set<Short> COORDINATOR_NOT_READY = Set.of((short) 14, (short) 15, (short) 16);
    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Clients.admin(BROKER.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void activeGroupIsListedAndDescribedWithItsMemberAndAssignment() {
        String topic = "admin-active";
        Topics.create(admin, topic, 2, Map.of());
        try (GroupConsumer member = GroupConsumer.start(BROKER.bootstrapServers(), topic, topic,
                GroupConsumer.Commit.NONE, GroupSettings.fastRebalance())) {
            Await.until("the member to own both partitions", JOIN_TIMEOUT, () -> {
                member.assertHealthy();
                return member.owned().size() == 2;
            });
            assertEquals(Optional.of(ConsumerGroupState.STABLE), listed(topic).orElseThrow().state(), "listed state");

            ConsumerGroupDescription description = describe(topic);
            assertAll(
                    () -> assertEquals(topic, description.groupId()),
                    () -> assertFalse(description.isSimpleConsumerGroup(), "simple group"),
                    () -> assertEquals(ConsumerGroupState.STABLE, description.state(), "state"),
                    () -> assertEquals("range", description.partitionAssignor(), "assignor"),
                    () -> assertEquals(BROKER.broker().nodeId(), description.coordinator().id(), "coordinator"),
                    () -> assertEquals(1, description.members().size(), "members"));
            MemberDescription described = description.members().iterator().next();
            assertAll(
                    () -> assertEquals(member.memberId(), described.consumerId(), "member id"),
                    () -> assertEquals(member.clientId(), described.clientId(), "client id"),
                    () -> assertEquals("/127.0.0.1", described.host(), "client host"),
                    () -> assertEquals(Optional.empty(), described.groupInstanceId(), "instance id"),
                    () -> assertEquals(member.owned(), described.assignment().topicPartitions(), "assignment"));
        }
    }

    @Test
    void offsetsOfAnEmptyGroupAreListedAlteredDeletedAndGoWithTheGroup() {
        String topic = "admin-offsets";
        String group = "admin-offsets-group";
        Topics.create(admin, topic, 2, Map.of());
        NumberedRecords.send(BROKER.bootstrapServers(), topic, 2, 0, 20);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        GroupCommits.commitAsMember(BROKER.bootstrapServers(), group, topic,
                Map.of(p0, new OffsetAndMetadata(4), p1, new OffsetAndMetadata(7, "seven")));

        assertEquals(Map.of(p0, new OffsetAndMetadata(4), p1, new OffsetAndMetadata(7, "seven")), offsets(group));
        ConsumerGroupDescription empty = describe(group);
        assertEquals(ConsumerGroupState.EMPTY, empty.state(), "state after the member left");
        assertEquals(List.of(), List.copyOf(empty.members()), "members after the member left");
        assertEquals(Optional.of(ConsumerGroupState.EMPTY), listed(group).orElseThrow().state(), "listed state");

        Topics.get(admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(1), p1,
                new OffsetAndMetadata(2, "two"))).all());
        assertEquals(Map.of(p0, new OffsetAndMetadata(1), p1, new OffsetAndMetadata(2, "two")), offsets(group),
                "offsets after alterConsumerGroupOffsets");

        Topics.get(admin.deleteConsumerGroupOffsets(group, Set.of(p0)).all());
        assertEquals(Map.of(p1, new OffsetAndMetadata(2, "two")), offsets(group), "offsets after deleting p0's");

        Topics.get(admin.deleteConsumerGroups(List.of(group)).all());
        assertEquals(Optional.empty(), listed(group), "a deleted group is not listed");
        assertEquals(Map.of(), offsets(group), "a deleted group has no offsets");
        assertUnknownGroupDescription(group);
    }

    @Test
    void unknownGroupIsDescribedAsKafkaDescribesIt() {
        String group = "no-such-group";
        assertUnknownGroupDescription(group);
        try (RawKafkaClient raw = new RawKafkaClient(BROKER.broker().host(), BROKER.broker().port())) {
            AtomicReference<RawKafkaClient.DescribedGroup> described = new AtomicReference<>();
            Await.until("the coordinator to answer DescribeGroups", JOIN_TIMEOUT, () -> {
                described.set(raw.describeGroup(group));
                return !COORDINATOR_NOT_READY.contains(described.get().errorCode());
            });
            assertEquals(new RawKafkaClient.DescribedGroup((short) 0, group, "Dead", "", 0), described.get(),
                    "DescribeGroups v0: no error, state Dead, nothing else");
        }
    }

    @Test
    void groupWithAMemberCannotBeDeletedNorItsOffsetsChangedFromOutside() {
        String topic = "admin-not-empty";
        Topics.create(admin, topic, 1, Map.of());
        try (GroupConsumer member = GroupConsumer.start(BROKER.bootstrapServers(), topic, topic,
                GroupConsumer.Commit.NONE, GroupSettings.fastRebalance())) {
            Await.until("the member to own the partition", JOIN_TIMEOUT, () -> {
                member.assertHealthy();
                return member.owned().size() == 1;
            });
            Throwable failure = Topics.failure(admin.deleteConsumerGroups(List.of(topic)).all());
            assertInstanceOf(GroupNotEmptyException.class, failure, "deleting a group with a member");
            TopicPartition partition = new TopicPartition(topic, 0);
            assertInstanceOf(GroupSubscribedToTopicException.class,
                    Topics.failure(admin.deleteConsumerGroupOffsets(topic, Set.of(partition)).partitionResult(partition)),
                    "deleting the offsets of a topic the group's member subscribes to");
            assertInstanceOf(UnknownMemberIdException.class, Topics.failure(admin.alterConsumerGroupOffsets(topic,
                    Map.of(partition, new OffsetAndMetadata(0))).partitionResult(partition)),
                    "altering the offsets of a group with a member (a commit from outside the generation)");
            assertEquals(ConsumerGroupState.STABLE, describe(topic).state(), "the group is untouched");
        }
    }

    @Test
    void deletingAnUnknownGroupFailsWithGroupIdNotFound() {
        assertInstanceOf(GroupIdNotFoundException.class,
                Topics.failure(admin.deleteConsumerGroups(List.of("never-existed")).all()), "deleting an unknown group");
    }

    @Test
    void offsetsForAnUnknownTopicOrPartitionAreRefused() {
        String topic = "admin-known";
        String group = "admin-unknown-topic-group";
        Topics.create(admin, topic, 1, Map.of());
        TopicPartition unknownTopic = new TopicPartition("admin-no-such-topic", 0);
        TopicPartition unknownPartition = new TopicPartition(topic, 7);
        TopicPartition known = new TopicPartition(topic, 0);
        AlterConsumerGroupOffsetsResult result = admin.alterConsumerGroupOffsets(group, Map.of(
                unknownTopic, new OffsetAndMetadata(5), unknownPartition, new OffsetAndMetadata(5),
                known, new OffsetAndMetadata(0)));
        assertInstanceOf(UnknownTopicOrPartitionException.class, Topics.failure(result.partitionResult(unknownTopic)),
                "commit to a topic that does not exist");
        assertInstanceOf(UnknownTopicOrPartitionException.class, Topics.failure(result.partitionResult(unknownPartition)),
                "commit to a partition the topic does not have");
        Topics.get(result.partitionResult(known));
        assertEquals(Map.of(known, new OffsetAndMetadata(0)), offsets(group), "only the valid commit is stored");
    }

    @Test
    void sessionTimeoutBelowTheBrokersMinimumIsRefused() {
        String topic = "admin-bad-session";
        Topics.create(admin, topic, 1, Map.of());
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 500);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 100);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            assertThrows(InvalidSessionTimeoutException.class, () -> Await.until("JoinGroup to be refused", JOIN_TIMEOUT,
                    () -> {
                        consumer.poll(Duration.ofMillis(100));
                        return false;
                    }), "a session timeout under group.min.session.timeout.ms");
        }
    }

    /**
     * Kafka answers an unknown group with state Dead and no error up to DescribeGroups v5, and with
     * GROUP_ID_NOT_FOUND from v6 (KIP-1043), which 4.x clients send and report as GroupIdNotFoundException.
     */
    private static void assertUnknownGroupDescription(String group) {
        if (ClientGeneration.loadedMajor() >= 4) {
            Throwable failure = Topics.failure(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
            assertInstanceOf(GroupIdNotFoundException.class, failure, "describing unknown group " + group);
        } else {
            ConsumerGroupDescription description = describe(group);
            assertEquals(ConsumerGroupState.DEAD, description.state(), "state of unknown group " + group);
            assertTrue(description.members().isEmpty(), "members of unknown group " + group);
        }
    }

    private static Optional<ConsumerGroupListing> listed(String group) {
        Collection<ConsumerGroupListing> all = Topics.get(admin.listConsumerGroups().all());
        return all.stream().filter(l -> l.groupId().equals(group)).findFirst();
    }

    private static ConsumerGroupDescription describe(String group) {
        return Topics.get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(String group) {
        return Topics.get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    }
}
