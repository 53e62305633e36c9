package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.spool.compat.Await;
import io.spool.compat.NumberedRecords;
import io.spool.compat.PartitionReader;
import io.spool.compat.RecordPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kill -9 of the controller: another broker takes over, and topics can be created again within seconds. */
class ControllerFailoverIT {
    /** A session timeout (4 s) to notice the death, then the election and the first creation. */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final ClusterExtension cluster = new ClusterExtension(3);

    @Test
    void killedControllerIsReplacedAndTopicCreationWorksAgain() {
        SpoolCluster c = cluster.cluster();
        c.createTopic("before-failover", 3, 3, Map.of());
        int controller = c.controller().orElseThrow();
        c.broker(controller).kill9();
        long killedAt = System.nanoTime();

        int[] successor = new int[1];
        Await.until("a controller other than " + controller, FAILOVER_TIMEOUT, () -> c.controller()
                .filter(id -> id != controller).map(id -> successor[0] = id).isPresent());
        long electedAt = System.nanoTime();
        Await.until("creating a topic to succeed", FAILOVER_TIMEOUT, () -> tryCreate(c, "after-failover"));
        long createdAt = System.nanoTime();
        System.out.printf("controller %d killed: broker %d controller after %d ms, first topic created after %d ms%n",
                controller, successor[0], Duration.ofNanos(electedAt - killedAt).toMillis(),
                Duration.ofNanos(createdAt - killedAt).toMillis());

        c.awaitPartitions("after-failover", 3, "led with both live replicas in sync", PartitionView::fullyInSync);
        Set<RecordPosition> acked = NumberedRecords.send(c.bootstrapServers(), "after-failover", 3, 0, 300);
        Set<RecordPosition> read = PartitionReader.readAll(c.bootstrapServers(),
                PartitionReader.partitions("after-failover", 3)).stream()
                .map(r -> new RecordPosition(r.partition(), r.offset())).collect(Collectors.toSet());
        assertEquals(acked, read, "the new topic takes and serves records");

        c.broker(controller).restart();
        c.awaitRegistered(c.nodeIds());
        assertNotEquals(controller, c.controller().orElseThrow(), "the returning broker does not take control back");
        c.createTopic("after-return", 3, 3, Map.of());
    }

    /** One CreateTopics attempt with replication factor 2 (two brokers are alive); false if it failed. */
    private static boolean tryCreate(SpoolCluster c, String topic) {
        try {
            c.admin().createTopics(List.of(new NewTopic(topic, 3, (short) 2))).all().get(5, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return true;
            }
            System.out.println("create " + topic + ": " + e.getCause());
            return false;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
