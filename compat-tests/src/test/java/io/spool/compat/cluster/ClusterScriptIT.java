package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spool.compat.Clients;
import io.spool.compat.ForkedProcess;
import io.spool.compat.NumberedRecords;
import io.spool.compat.PartitionReader;
import io.spool.compat.RecordPosition;
import io.spool.compat.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/spool-cluster.sh start 3 gives a cluster a stock client uses with replication factor 3; stop ends it. */
class ClusterScriptIT {
    private static final Pattern BOOTSTRAP = Pattern.compile("^bootstrap: (\\S+)$", Pattern.MULTILINE);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path clusterDir;

    @Test
    void startedClusterServesReplicationFactorThreeAndStops() {
        try {
            ForkedProcess.Result started = script("start", "3").assertSuccess();
            Matcher m = BOOTSTRAP.matcher(started.stdout());
            assertTrue(m.find(), "the script prints the bootstrap string:\n" + started.stdout());
            String bootstrap = m.group(1);
            assertEquals(3, bootstrap.split(",").length, "three brokers in " + bootstrap);
            try (Admin admin = Clients.admin(bootstrap)) {
                Topics.get(admin.createTopics(List.of(new NewTopic("script-rf3", 3, (short) 3))).all());
                TopicDescription topic = Topics.get(admin.describeTopics(List.of("script-rf3")).allTopicNames())
                        .get("script-rf3");
                topic.partitions().forEach(p -> assertEquals(3, p.replicas().size(), "replicas of " + p));
            }
            Set<RecordPosition> sent = NumberedRecords.send(bootstrap, "script-rf3", 3, 0, 300);
            Set<RecordPosition> read = PartitionReader.readAll(bootstrap, PartitionReader.partitions("script-rf3", 3))
                    .stream().map(r -> new RecordPosition(r.partition(), r.offset())).collect(Collectors.toSet());
            assertEquals(sent, read, "what a stock producer sent, a stock consumer reads");
        } finally {
            script("stop").assertSuccess();
        }
        String status = script("status").assertSuccess().stdout();
        assertTrue(!status.contains("running (pid"), "nothing runs after stop:\n" + status);
    }

    private ForkedProcess.Result script(String... args) {
        Path projectDir = Path.of(System.getProperty("spool.broker.jar")).toAbsolutePath().getParent().getParent()
                .getParent();
        List<String> command = new ArrayList<>(List.of("env", "SPOOL_CLUSTER_DIR=" + clusterDir,
                projectDir.resolve("bin/spool-cluster.sh").toString()));
        command.addAll(List.of(args));
        return ForkedProcess.run(command, "", SCRIPT_TIMEOUT);
    }
}
