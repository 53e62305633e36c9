package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Apache Kafka's own command-line tools against the broker's groups, each in a forked JVM on the tools' release:
 * kafka-consumer-groups, the console consumer decoding __consumer_offsets, and the consumer performance tool.
 */
class KafkaGroupToolsIT {
    @RegisterExtension
    static final BrokerExtension BROKER = GroupSettings.broker();

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern OFFSET_COMMIT = Pattern.compile(
            "\"key\":\\{\"type\":[01],\"data\":\\{\"group\":\"([^\"]*)\",\"topic\":\"([^\"]*)\",\"partition\":(\\d+)}},"
                    + "\"value\":\\{\"version\":\\d+,\"data\":\\{\"offset\":(\\d+),(?:\"leaderEpoch\":-?\\d+,)?"
                    + "\"metadata\":\"([^\"]*)\"");
    private static final int PERF_RECORDS = 1_000_000;

    @Test
    void consumerGroupsToolListsDescribesResetsAndDeletes() {
        String topic = "cli-topic";
        String group = "cli-group";
        Topics.create(BROKER.bootstrapServers(), topic, 3, Map.of());
        NumberedRecords.send(BROKER.bootstrapServers(), topic, 3, 0, 60);
        GroupCommits.commitAsMember(BROKER.bootstrapServers(), group, topic, Map.of(
                new TopicPartition(topic, 0), new OffsetAndMetadata(4),
                new TopicPartition(topic, 1), new OffsetAndMetadata(20),
                new TopicPartition(topic, 2), new OffsetAndMetadata(0)));

        try (GroupConsumer member = GroupConsumer.start(BROKER.bootstrapServers(), group, topic,
                GroupConsumer.Commit.NONE, GroupSettings.fastRebalance())) {
            Await.until("the member to own every partition", TOOL_TIMEOUT, () -> {
                member.assertHealthy();
                return member.owned().size() == 3;
            });
            assertTrue(listedGroups().contains(group), "--list names the group");

            Map<String, Map<String, String>> offsets = byPartition(groups("--describe", "--group", group));
            assertEquals(Set.of("0", "1", "2"), offsets.keySet(), "--describe rows");
            assertPartitionRow(offsets.get("0"), "4", "20", "16");
            assertPartitionRow(offsets.get("1"), "20", "20", "0");
            assertPartitionRow(offsets.get("2"), "0", "20", "20");
            for (Map<String, String> row : offsets.values()) {
                assertAll(
                        () -> assertEquals(member.memberId(), row.get("CONSUMER-ID"), "CONSUMER-ID"),
                        () -> assertEquals("/127.0.0.1", row.get("HOST"), "HOST"),
                        () -> assertEquals(member.clientId(), row.get("CLIENT-ID"), "CLIENT-ID"));
            }

            Map<String, String> state = single(groups("--describe", "--group", group, "--state"));
            assertAll(
                    () -> assertEquals("Stable", state.get("STATE"), "STATE"),
                    () -> assertEquals("range", state.get("ASSIGNMENT-STRATEGY"), "ASSIGNMENT-STRATEGY"),
                    () -> assertEquals("1", state.get("#MEMBERS"), "#MEMBERS"),
                    () -> assertEquals("(" + BROKER.broker().nodeId() + ")", state.get("(ID)"), "coordinator id"));
            Map<String, String> members = single(groups("--describe", "--group", group, "--members"));
            assertEquals(member.memberId(), members.get("CONSUMER-ID"), "--members CONSUMER-ID");
            assertEquals("3", members.get("#PARTITIONS"), "--members #PARTITIONS");
        }
        awaitEmpty(group);

        List<Map<String, String>> reset =
                ToolTable.rows(groups("--reset-offsets", "--to-earliest", "--execute", "--group", group, "--topic", topic));
        assertEquals(Map.of("0", "0", "1", "0", "2", "0"),
                reset.stream().collect(Collectors.toMap(r -> r.get("PARTITION"), r -> r.get("NEW-OFFSET"))),
                "--reset-offsets --to-earliest: new offsets");
        Map<String, Map<String, String>> reread = byPartition(groups("--describe", "--group", group));
        for (String p : List.of("0", "1", "2")) {
            assertEquals("0", reread.get(p).get("CURRENT-OFFSET"), "partition " + p + " after the reset");
            assertEquals("20", reread.get(p).get("LAG"), "partition " + p + " lag after the reset");
            assertEquals("-", reread.get(p).get("CONSUMER-ID"), "partition " + p + " has no consumer");
        }

        String deleted = groups("--delete", "--group", group);
        assertTrue(deleted.contains("Deletion of requested consumer groups ('" + group + "') was successful."), deleted);
        assertFalse(listedGroups().contains(group), "--list after --delete");
    }

    @Test
    void consoleConsumerDecodesTheOffsetsAndGroupsInConsumerOffsets() {
        String topic = "formatted-topic";
        String group = "formatted-group";
        Topics.create(BROKER.bootstrapServers(), topic, 2, Map.of());
        NumberedRecords.send(BROKER.bootstrapServers(), topic, 2, 0, 20);
        String clientId = GroupCommits.commitAsMember(BROKER.bootstrapServers(), group, topic, Map.of(
                new TopicPartition(topic, 0), new OffsetAndMetadata(3, "three"),
                new TopicPartition(topic, 1), new OffsetAndMetadata(5)));

        Map<String, String> expected = Map.of(topic + "-0", "3 three", topic + "-1", "5 ");
        AtomicReference<Map<String, String>> seen = new AtomicReference<>(Map.of());
        readConsumerOffsets("org.apache.kafka.tools.consumer.OffsetsMessageFormatter", output -> {
            seen.set(lastCommits(output, group));
            return seen.get().equals(expected);
        });
        assertEquals(expected, seen.get(), "commits OffsetsMessageFormatter decoded");

        String groupKey = "\"key\":{\"type\":2,\"data\":{\"group\":\"" + group + "\"}}";
        readConsumerOffsets("org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter", output ->
                records(output).stream().anyMatch(r -> r.contains(groupKey)
                        && r.contains("\"protocolType\":\"consumer\"") && r.contains("\"protocol\":\"range\"")
                        && r.contains("\"clientId\":\"" + clientId + "\"")));
    }

    @Test
    void consumerPerformanceToolReadsAMillionRecords() {
        String topic = "perf";
        int partitions = 3;
        Topics.create(BROKER.bootstrapServers(), topic, partitions, Map.of());
        Map<String, Object> fast = Map.of(ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        List<Exception> failures = new ArrayList<>();
        byte[] value = new byte[10];
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(BROKER.bootstrapServers(), fast)) {
            for (int i = 0; i < PERF_RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, value), (m, e) -> {
                    if (e != null) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
            }
            producer.flush();
        }
        assertEquals(List.of(), failures, "sends of the million records");

        String output = KafkaTool.CONSUMER_PERFORMANCE.run("--bootstrap-server", BROKER.bootstrapServers(),
                "--topic", topic, "--num-records", Integer.toString(PERF_RECORDS), "--group", "perf-group",
                "--timeout", "60000").stdout();
        List<String> lines = output.lines().filter(l -> l.contains(",")).toList();
        assertEquals(2, lines.size(), "a header and one line of numbers:\n" + output);
        List<String> header = List.of(lines.get(0).split(",\\s*"));
        List<String> numbers = List.of(lines.get(1).split(",\\s*"));
        assertEquals(Integer.toString(PERF_RECORDS), numbers.get(header.indexOf("data.consumed.in.nMsg")),
                "records ConsumerPerformance consumed:\n" + output);
    }

    private static void assertPartitionRow(Map<String, String> row, String committed, String end, String lag) {
        assertAll(
                () -> assertEquals(committed, row.get("CURRENT-OFFSET"), "CURRENT-OFFSET of " + row),
                () -> assertEquals(end, row.get("LOG-END-OFFSET"), "LOG-END-OFFSET of " + row),
                () -> assertEquals(lag, row.get("LAG"), "LAG of " + row));
    }

    private static String groups(String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", BROKER.bootstrapServers()));
        all.addAll(List.of(args));
        return KafkaTool.CONSUMER_GROUPS.run(all.toArray(String[]::new)).stdout();
    }

    private static List<String> listedGroups() {
        return groups("--list").lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private static Map<String, Map<String, String>> byPartition(String describeOutput) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (Map<String, String> row : ToolTable.rows(describeOutput)) {
            rows.put(row.get("PARTITION"), row);
        }
        return rows;
    }

    private static Map<String, String> single(String output) {
        List<Map<String, String>> rows = ToolTable.rows(output);
        assertEquals(1, rows.size(), "one row in\n" + output);
        return rows.get(0);
    }

    @SuppressWarnings("deprecation")
    private static void awaitEmpty(String group) {
        try (Admin admin = Clients.admin(BROKER.bootstrapServers())) {
            Await.until("group " + group + " to be empty", TOOL_TIMEOUT, () -> ConsumerGroupState.EMPTY.equals(
                    Topics.get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)).state()));
        }
    }

    /** Runs the console consumer over __consumer_offsets with {@code formatter} until {@code done} accepts its output. */
    private static void readConsumerOffsets(String formatter, java.util.function.Predicate<String> done) {
        try (ForkedProcess consumer = KafkaTool.CONSOLE_CONSUMER.start("--bootstrap-server", BROKER.bootstrapServers(),
                "--topic", "__consumer_offsets", "--from-beginning", "--formatter", formatter)) {
            Await.until(formatter + " output to show the group", TOOL_TIMEOUT, () -> {
                if (!consumer.isAlive()) {
                    throw new AssertionError("the console consumer exited" + consumer.describeOutput());
                }
                return done.test(consumer.stdout());
            });
        }
    }

    /** The formatter's records, one JSON object each (it may print them without a line break in between). */
    private static List<String> records(String output) {
        return List.of(output.replace("}{\"key\":", "}\n{\"key\":").split("\n"));
    }

    /** For {@code group}: partition ({@code topic-p}) to "offset metadata" of the last commit decoded. */
    private static Map<String, String> lastCommits(String output, String group) {
        Map<String, String> last = new HashMap<>();
        for (String record : records(output)) {
            Matcher m = OFFSET_COMMIT.matcher(record);
            if (m.find() && m.group(1).equals(group)) {
                last.put(m.group(2) + "-" + m.group(3), m.group(4) + " " + m.group(5));
            }
        }
        return last;
    }
}
