package io.spool.replication.controller;

import io.spool.log.TopicPartition;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.zk.EmbeddedZooKeeper;
import io.spool.replication.zk.TopicAssignment;
import io.spool.replication.zk.ZkIsrUpdater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private EmbeddedZooKeeper zk;
    private final List<ZkNode> nodes = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        zk = EmbeddedZooKeeper.start(dir.resolve("zk"), 0);
    }

    @AfterEach
    void stop() {
        nodes.forEach(ZkNode::close);
        zk.close();
    }

    private ZkNode node(int id) throws InterruptedException {
        ZkNode n = new ZkNode(zk.connectString(), id, Optional.empty());
        nodes.add(n);
        return n;
    }

    private static void await(ZkNode node, Predicate<ClusterImage> condition) throws InterruptedException {
        assertTrue(node.metadata.await(condition, WAIT), () -> "condition not met; image " + node.metadata.image());
    }

    private static PartitionState state(ClusterImage image, String topic, int p) {
        return image.partition(topic, p).flatMap(PartitionInfo::state).orElseThrow();
    }

    private static boolean allLed(ClusterImage image, String topic) {
        return image.topic(topic).map(t -> t.partitions().stream().allMatch(p -> p.leader() != PartitionState.NO_LEADER)).orElse(false);
    }

    @Test
    void initialisesTopicsAndElectsFromTheIsrWhenALeaderDies() throws Exception {
        ZkNode a = node(1);
        ZkNode b = node(2);
        ZkNode c = node(3);
        await(a, i -> i.brokers().size() == 3 && i.controllerId() != ClusterImage.NO_CONTROLLER);
        assertTrue(a.store.createTopic("t", new TopicAssignment(UUID.randomUUID(),
                List.of(List.of(1, 2, 3), List.of(2, 3, 1), List.of(3, 1, 2))), Map.of()));
        assertFalse(a.store.createTopic("t", new TopicAssignment(UUID.randomUUID(), List.of(List.of(1))), Map.of()));
        await(b, i -> allLed(i, "t"));
        ClusterImage image = b.metadata.image();
        assertEquals(1, state(image, "t", 0).leader());
        assertEquals(List.of(1, 2, 3), state(image, "t", 0).isr());
        assertEquals(2, state(image, "t", 1).leader());

        ZkNode victim = a.controller.isActive() ? b : a; // keep the controller alive: this is about leaders
        int dead = victim.id;
        nodes.remove(victim);
        victim.close();
        ZkNode observer = nodes.get(0);
        await(observer, i -> !i.isAlive(dead) && i.topic("t").orElseThrow().partitions().stream()
                .allMatch(p -> p.leader() != dead && !p.state().orElseThrow().isr().contains(dead) && p.leader() != PartitionState.NO_LEADER));
        for (PartitionInfo p : observer.metadata.image().topic("t").orElseThrow().partitions()) {
            PartitionState before = state(image, "t", p.topicPartition().partition());
            int expectedEpoch = before.leader() == dead ? before.leaderEpoch() + 1 : before.leaderEpoch();
            assertEquals(expectedEpoch, p.state().orElseThrow().leaderEpoch(), p.toString());
        }
        c.close();
        nodes.remove(c);
    }

    @Test
    void controllerFailoverBumpsTheEpochAndANewControllerInitialisesTopics() throws Exception {
        ZkNode a = node(1);
        ZkNode b = node(2);
        await(a, i -> i.controllerId() != ClusterImage.NO_CONTROLLER);
        ZkNode first = a.controller.isActive() ? a : b;
        ZkNode other = first == a ? b : a;
        await(other, i -> i.controllerId() == first.id);
        int firstEpoch = first.controller.epoch();
        assertTrue(firstEpoch > 0);
        nodes.remove(first);
        first.close();
        await(other, i -> i.controllerId() == other.id);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!other.controller.isActive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(other.controller.epoch() > firstEpoch);
        other.store.createTopic("after", new TopicAssignment(UUID.randomUUID(), List.of(List.of(other.id))), Map.of());
        await(other, i -> allLed(i, "after"));
        assertEquals(other.controller.epoch(), state(other.metadata.image(), "after", 0).controllerEpoch());
    }

    @Test
    void partitionWithoutLiveIsrHasNoLeaderUntilAnIsrMemberReturns() throws Exception {
        ZkNode a = node(1);
        ZkNode b = node(2);
        await(a, i -> i.brokers().size() == 2 && i.controllerId() != ClusterImage.NO_CONTROLLER);
        ZkNode controller = a.controller.isActive() ? a : b;
        ZkNode other = controller == a ? b : a;
        controller.store.createTopic("solo", new TopicAssignment(UUID.randomUUID(), List.of(List.of(other.id))), Map.of());
        await(controller, i -> allLed(i, "solo"));
        int otherId = other.id;
        nodes.remove(other);
        other.close();
        await(controller, i -> !i.isAlive(otherId) && i.partition("solo", 0).orElseThrow().leader() == PartitionState.NO_LEADER);
        assertEquals(List.of(otherId), state(controller.metadata.image(), "solo", 0).isr());
        ZkNode back = node(otherId);
        await(back, i -> i.partition("solo", 0).orElseThrow().leader() == otherId);
    }

    @Test
    void isrUpdatesAreConditionalOnTheVersion() throws Exception {
        ZkNode a = node(1);
        ZkNode b = node(2);
        await(a, i -> i.brokers().size() == 2 && i.controllerId() != ClusterImage.NO_CONTROLLER);
        a.store.createTopic("isr", new TopicAssignment(UUID.randomUUID(), List.of(List.of(1, 2))), Map.of());
        await(a, i -> allLed(i, "isr"));
        PartitionState seen = state(a.metadata.image(), "isr", 0);
        ZkIsrUpdater updater = new ZkIsrUpdater(a.store, Runnable::run);
        TopicPartition tp = new TopicPartition("isr", 0);
        Optional<PartitionState> shrunk = updater.updateIsr(tp, seen, List.of(1)).get();
        assertEquals(List.of(1), shrunk.orElseThrow().isr());
        assertNotEquals(seen.version(), shrunk.get().version());
        assertTrue(updater.updateIsr(tp, seen, List.of(1, 2)).get().isEmpty(), "a stale version must not win");
        int version = shrunk.get().version();
        await(b, i -> state(i, "isr", 0).version() == version && state(i, "isr", 0).isr().equals(List.of(1)));
    }

    @Test
    void controlledShutdownMovesLeadershipAway() throws Exception {
        ZkNode a = node(1);
        ZkNode b = node(2);
        await(a, i -> i.brokers().size() == 2 && i.controllerId() != ClusterImage.NO_CONTROLLER);
        a.store.createTopic("cs", new TopicAssignment(UUID.randomUUID(), List.of(List.of(1, 2), List.of(2, 1))), Map.of());
        await(a, i -> allLed(i, "cs"));
        a.store.requestControlledShutdown(1);
        await(a, i -> i.topic("cs").orElseThrow().partitions().stream()
                .allMatch(p -> p.leader() == 2 && p.state().orElseThrow().isr().equals(List.of(2))));
    }

    @Test
    void deletionRemovesTheTopic() throws Exception {
        ZkNode a = node(1);
        await(a, i -> i.controllerId() == 1);
        a.store.createTopic("gone", new TopicAssignment(UUID.randomUUID(), List.of(List.of(1))), Map.of("retention.ms", "5"));
        await(a, i -> allLed(i, "gone"));
        assertEquals("5", a.metadata.image().topic("gone").orElseThrow().configs().get("retention.ms"));
        a.store.requestTopicDeletion("gone");
        await(a, i -> i.topic("gone").isEmpty());
    }

    @Test
    void preferredElectionMovesLeadersBack() throws Exception {
        ZkNode a = node(1);
        ZkNode b = node(2);
        await(a, i -> i.brokers().size() == 2 && i.controllerId() != ClusterImage.NO_CONTROLLER);
        a.store.createTopic("pref", new TopicAssignment(UUID.randomUUID(), List.of(List.of(1, 2))), Map.of());
        await(a, i -> allLed(i, "pref"));
        a.store.requestControlledShutdown(1);
        await(b, i -> i.partition("pref", 0).orElseThrow().leader() == 2);
        a.store.deleteIfExists(io.spool.replication.zk.ZkPaths.controlledShutdown(1));
        // the follower rejoins the ISR (the leader's job; here written directly) and the election is requested
        PartitionState s = state(b.metadata.image(), "pref", 0);
        new ZkIsrUpdater(b.store, Runnable::run).updateIsr(new TopicPartition("pref", 0), s, List.of(2, 1)).get().orElseThrow();
        b.store.requestPreferredElection(List.of(new TopicPartition("pref", 0)));
        await(b, i -> i.partition("pref", 0).orElseThrow().leader() == 1);
    }
}
