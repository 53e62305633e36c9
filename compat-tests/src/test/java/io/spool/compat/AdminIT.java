package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stock AdminClient's topic, config and cluster operations, including the errors Kafka gives. */
class AdminIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension().with("num.partitions", "2");

    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(30);
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
    void createdTopicIsDescribedWithItsPartitionsLeaderAndId() {
        String topic = "admin-described";
        Topics.create(admin, topic, 3, Map.of());
        TopicDescription description = describe(topic);
        Node self = new Node(BROKER.broker().nodeId(), BROKER.broker().host(), BROKER.broker().port());
        assertAll(
                () -> assertEquals(topic, description.name()),
                () -> assertFalse(description.isInternal(), "internal"),
                () -> assertNotEquals(Uuid.ZERO_UUID, description.topicId(), "topic id"),
                () -> assertEquals(3, description.partitions().size(), "partition count"));
        for (int p = 0; p < 3; p++) {
            TopicPartitionInfo info = description.partitions().get(p);
            assertEquals(p, info.partition(), "partitions in order");
            assertEquals(self.id(), info.leader().id(), "leader of partition " + p);
            assertEquals(List.of(self.id()), info.replicas().stream().map(Node::id).toList(), "replicas of " + p);
            assertEquals(List.of(self.id()), info.isr().stream().map(Node::id).toList(), "isr of " + p);
        }
    }

    @Test
    void topicWithoutPartitionCountGetsBrokerDefault() {
        String topic = "admin-default-partitions";
        Topics.get(admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all());
        assertEquals(2, describe(topic).partitions().size(), "num.partitions=2 from the broker config");
    }

    @Test
    void validateOnlyChecksButCreatesNothing() {
        String topic = "admin-validate-only";
        CreateTopicsResult result = admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1)),
                new CreateTopicsOptions().validateOnly(true));
        Topics.get(result.all());
        assertEquals(4, Topics.get(result.numPartitions(topic)), "partition count the topic would have");
        assertFalse(listTopics().contains(topic), "validateOnly created the topic");

        Throwable invalid = Topics.failure(admin.createTopics(
                List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "soon")))
                , new CreateTopicsOptions().validateOnly(true)).all());
        assertInstanceOf(InvalidConfigurationException.class, invalid, "non-numeric retention.ms");
    }

    @Test
    void listTopicsShowsCreatedTopics() {
        Topics.create(admin, "admin-listed-1", 1, Map.of());
        Topics.create(admin, "admin-listed-2", 1, Map.of());
        assertTrue(listTopics().containsAll(Set.of("admin-listed-1", "admin-listed-2")), "listed: " + listTopics());
    }

    @Test
    void deletedTopicDisappearsAndItsNameCanBeReused() {
        String topic = "admin-deleted";
        Topics.create(admin, topic, 2, Map.of());
        Uuid firstId = describe(topic).topicId();
        Topics.get(admin.deleteTopics(List.of(topic)).all());
        Await.until("deleted topic to leave listTopics", DELETE_TIMEOUT, () -> !listTopics().contains(topic));
        assertInstanceOf(UnknownTopicOrPartitionException.class,
                Topics.failure(admin.describeTopics(List.of(topic)).allTopicNames()), "describing the deleted topic");

        Topics.create(admin, topic, 1, Map.of());
        TopicDescription again = describe(topic);
        assertNotEquals(firstId, again.topicId(), "a re-created topic gets a new id");
        assertEquals(1, again.partitions().size(), "the re-created topic's own partition count");
    }

    @Test
    void deletingUnknownTopicFails() {
        assertInstanceOf(UnknownTopicOrPartitionException.class,
                Topics.failure(admin.deleteTopics(List.of("admin-never-created")).all()));
    }

    @Test
    void topicConfigsAreDescribedWithKafkaNamesAndSources() {
        String topic = "admin-configured";
        Topics.create(admin, topic, 1, Map.of("retention.ms", "86400000", "segment.bytes", "1048576"));
        Config config = Topics.get(admin.describeConfigs(List.of(topicResource(topic))).all())
                .get(topicResource(topic));
        assertAll(
                () -> assertEntry(config, "retention.ms", "86400000", ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG),
                () -> assertEntry(config, "segment.bytes", "1048576", ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG),
                () -> assertEntry(config, "cleanup.policy", "delete", ConfigEntry.ConfigSource.DEFAULT_CONFIG),
                () -> assertEntry(config, "message.timestamp.type", "CreateTime",
                        ConfigEntry.ConfigSource.DEFAULT_CONFIG),
                () -> assertNotNull(config.get("max.message.bytes"), "max.message.bytes is described"),
                () -> assertNotNull(config.get("min.insync.replicas"), "min.insync.replicas is described"));
    }

    @Test
    void brokerConfigsAreDescribedWithKafkaNames() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(BROKER.broker().nodeId()));
        Config config = Topics.get(admin.describeConfigs(List.of(resource)).all()).get(resource);
        assertAll(
                () -> assertEntry(config, "num.partitions", "2", ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG),
                () -> assertEntry(config, "log.dirs", BROKER.broker().dataDir().toString(),
                        ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG),
                () -> assertEntry(config, "auto.create.topics.enable", "true", ConfigEntry.ConfigSource.DEFAULT_CONFIG),
                () -> assertEntry(config, "log.retention.hours", "168", ConfigEntry.ConfigSource.DEFAULT_CONFIG));
    }

    @Test
    void describeClusterShowsThisBroker() {
        DescribeClusterResult cluster = admin.describeCluster();
        Node self = new Node(BROKER.broker().nodeId(), BROKER.broker().host(), BROKER.broker().port());
        Node reported = Topics.get(cluster.nodes()).stream().findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(1, Topics.get(cluster.nodes()).size(), "one node"),
                () -> assertEquals(self.id(), reported.id(), "node id"),
                () -> assertEquals(self.host(), reported.host(), "advertised host"),
                () -> assertEquals(self.port(), reported.port(), "advertised port"),
                () -> assertEquals(self.id(), Topics.get(cluster.controller()).id(), "controller"),
                () -> assertFalse(Topics.get(cluster.clusterId()).isEmpty(), "cluster id"));
    }

    @Test
    void creatingExistingTopicFails() {
        Topics.create(admin, "admin-existing", 1, Map.of());
        assertInstanceOf(TopicExistsException.class,
                Topics.failure(admin.createTopics(List.of(new NewTopic("admin-existing", 1, (short) 1))).all()));
    }

    static List<String> invalidTopicNames() {
        return List.of("bad name!", "..", ".", "slash/name", "x".repeat(250));
    }

    @ParameterizedTest
    @MethodSource("invalidTopicNames")
    void invalidTopicNameFails(String name) {
        assertInstanceOf(InvalidTopicException.class,
                Topics.failure(admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all()));
    }

    @Test
    void zeroPartitionsFails() {
        assertInstanceOf(InvalidPartitionsException.class,
                Topics.failure(admin.createTopics(List.of(new NewTopic("admin-zero", 0, (short) 1))).all()));
    }

    @Test
    void replicationFactorAboveBrokerCountFails() {
        assertInstanceOf(InvalidReplicationFactorException.class,
                Topics.failure(admin.createTopics(List.of(new NewTopic("admin-rf3", 1, (short) 3))).all()));
    }

    @Test
    void unknownTopicConfigFails() {
        assertInstanceOf(InvalidConfigurationException.class, Topics.failure(admin.createTopics(
                List.of(new NewTopic("admin-unknown-config", 1, (short) 1).configs(Map.of("no.such.config", "1"))))
                .all()));
        assertFalse(listTopics().contains("admin-unknown-config"), "refused topic was not created");
    }

    @Test
    void describingUnknownTopicFails() {
        assertInstanceOf(UnknownTopicOrPartitionException.class,
                Topics.failure(admin.describeTopics(List.of("admin-unknown")).allTopicNames()));
        assertInstanceOf(UnknownTopicOrPartitionException.class,
                Topics.failure(admin.describeConfigs(List.of(topicResource("admin-unknown"))).all()));
    }

    private static TopicDescription describe(String topic) {
        return Topics.get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    }

    private static Set<String> listTopics() {
        return Topics.get(admin.listTopics().names());
    }

    private static ConfigResource topicResource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    private static void assertEntry(Config config, String name, String value, ConfigEntry.ConfigSource source) {
        ConfigEntry entry = config.get(name);
        assertNotNull(entry, name + " is described");
        assertEquals(value, entry.value(), name + " value");
        assertEquals(source, entry.source(), name + " source");
    }
}
