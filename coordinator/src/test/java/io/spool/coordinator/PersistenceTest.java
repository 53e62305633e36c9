package io.spool.coordinator;

import io.netty.buffer.Unpooled;
import io.spool.log.Log;
import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.wire.message.DeleteGroupsRequest;
import io.spool.wire.message.DescribeGroupsResponse;
import io.spool.wire.message.HeartbeatRequest;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.ListGroupsRequest;
import io.spool.wire.message.OffsetFetchRequest;
import io.spool.wire.message.OffsetFetchResponse;
import io.spool.wire.message.SyncGroupResponse;
import io.spool.wire.protocol.FileSliceRecords;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.coordinator.common.runtime.CoordinatorRecord;
import org.apache.kafka.coordinator.group.GroupCoordinatorRecordSerde;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupMetadataKey;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupMetadataValue;
import org.apache.kafka.coordinator.group.generated.GroupMetadataKey;
import org.apache.kafka.coordinator.group.generated.GroupMetadataValue;
import org.apache.kafka.coordinator.group.generated.LegacyOffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.LegacyOffsetCommitValue;
import org.apache.kafka.coordinator.group.generated.OffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.OffsetCommitValue;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.spool.coordinator.Harness.bytes;
import static io.spool.coordinator.Harness.done;
import static io.spool.coordinator.Harness.joinRequest;
import static io.spool.coordinator.Harness.protocols;
import static io.spool.coordinator.Harness.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Groups and offsets live in __consumer_offsets: written before answers, rebuilt by replaying, readable by Kafka. */
class PersistenceTest {
    private static final short NONE = CoordinatorError.NONE.code();

    @TempDir
    Path dir;
    private Harness h;

    @AfterEach
    void close() throws IOException {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void groupsAndOffsetsComeBackAfterARestart() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 2);
        h.commit("g", g.leader(), g.generation(), "orders", 0, 42);
        h.commit("simple", "", -1, "payments", 1, 7);
        h.commit("deleted", "", -1, "orders", 2, 1);
        done(h.coordinator.deleteGroups(v(2), new DeleteGroupsRequest().setGroupsNames(List.of("deleted"))));
        DescribeGroupsResponse.DescribedGroup before = h.describe("g");

        h.restart();

        DescribeGroupsResponse.DescribedGroup after = h.describe("g");
        assertEquals("Stable", after.groupState());
        assertEquals(before.protocolData(), after.protocolData());
        assertEquals(before.members().size(), after.members().size());
        for (int i = 0; i < before.members().size(); i++) {
            assertEquals(before.members().get(i).memberId(), after.members().get(i).memberId());
            assertArrayEquals(before.members().get(i).memberAssignment(), after.members().get(i).memberAssignment());
            assertArrayEquals(before.members().get(i).memberMetadata(), after.members().get(i).memberMetadata());
        }
        for (String member : g.memberIds()) {
            assertEquals(NONE, h.heartbeat("g", member, g.generation()), "members carry on with the new coordinator");
        }
        SyncGroupResponse sync = done(h.sync("g", g.followers().get(0), g.generation(), Map.of()));
        assertArrayEquals(bytes(g.followers().get(0)), sync.assignment());
        assertEquals(42, h.committed("g", "orders", 0));
        assertEquals(7, h.committed("simple", "payments", 1));
        assertEquals("Empty", h.describe("simple").groupState());
        assertEquals(-1, h.committed("deleted", "orders", 2));
        assertEquals("Dead", h.describe("deleted").groupState());
    }

    @Test
    void membersThatDoNotReturnAfterARestartExpire() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 2);
        h.restart();
        h.advance(Harness.SESSION_MS / 2);
        assertEquals(NONE, h.heartbeat("g", g.leader(), g.generation()));
        h.advance(Harness.SESSION_MS / 2);
        assertEquals(CoordinatorError.REBALANCE_IN_PROGRESS.code(), h.heartbeat("g", g.leader(), g.generation()));
        JoinGroupResponse alone = done(h.join(9, "g", g.leader()));
        assertEquals(g.generation() + 1, alone.generationId());
        assertEquals(1, alone.members().size());
    }

    @Test
    void anEmptiedGroupAndAStaticMembersNewIdAreStored() throws IOException {
        h = new Harness(dir);
        JoinGroupResponse a = done(h.join(5, joinRequest("static", "", "a", protocols("range"))));
        done(h.sync("static", a.memberId(), a.generationId(), Map.of(a.memberId(), bytes("A"))));
        JoinGroupResponse restarted = done(h.join(5, joinRequest("static", "", "a", protocols("range"))));
        Harness.Formed g = h.form("emptied", 1);
        h.leave("emptied", g.leader());

        h.restart();

        DescribeGroupsResponse.DescribedGroup staticGroup = h.describe("static");
        assertEquals(restarted.memberId(), staticGroup.members().get(0).memberId());
        assertEquals("a", staticGroup.members().get(0).groupInstanceId());
        assertEquals(NONE, h.heartbeat("static", restarted.memberId(), "a", a.generationId()));
        assertEquals("Empty", h.describe("emptied").groupState());
        JoinGroupResponse next = done(h.join(3, "emptied", ""));
        assertEquals(g.generation() + 2, next.generationId(), "the empty generation was stored");
    }

    @Test
    void whileAPartitionLoadsItsGroupsAreToldToRetry() throws IOException {
        h = new Harness(dir);
        h.commit("s", "", -1, "orders", 0, 3);
        h.stop();
        QueuedExecutor loader = new QueuedExecutor();
        h.start(loader, false);
        List<CompletableFuture<Void>> loads = new ArrayList<>();
        for (int p = 0; p < h.coordinator.partitionCount(); p++) {
            loads.add(h.coordinator.loadPartition(p));
        }
        assertFalse(loads.get(0).isDone());
        short loading = CoordinatorError.COORDINATOR_LOAD_IN_PROGRESS.code();

        OffsetFetchResponse v8 = done(h.coordinator.fetchOffsets(v(8), new OffsetFetchRequest().setGroups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId("s").setTopics(null)))));
        assertEquals(loading, v8.groups().get(0).errorCode());
        OffsetFetchResponse v7 = done(h.coordinator.fetchOffsets(v(7), new OffsetFetchRequest().setGroupId("s").setTopics(null)));
        assertEquals(loading, v7.errorCode());
        OffsetFetchResponse v1 = done(h.coordinator.fetchOffsets(v(1), new OffsetFetchRequest().setGroupId("s").setTopics(List.of(
                new OffsetFetchRequest.OffsetFetchRequestTopic().setName("orders").setPartitionIndexes(List.of(0))))));
        assertEquals(loading, v1.topics().get(0).partitions().get(0).errorCode(), "v1 has no top-level error code");
        assertEquals(loading, done(h.join(9, "s", "")).errorCode());
        assertEquals(loading, h.commit("s", "", -1, "orders", 0, 4));
        assertEquals(loading, done(h.coordinator.listGroups(v(4), new ListGroupsRequest())).errorCode());
        assertEquals(NONE, done(h.coordinator.heartbeat(v(4), new HeartbeatRequest().setGroupId("s").setMemberId("m")))
                .errorCode(), "a heartbeat during loading is not the member's fault");

        loader.runAll();
        loads.forEach(Harness::done);
        assertEquals(3, h.committed("s", "orders", 0));
    }

    @Test
    void unloadingAPartitionAnswersParkedRequestsAndStopsServingIt() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 1);
        String late = h.memberId("g");
        CompletableFuture<JoinGroupResponse> parked = h.join(9, "g", late);
        assertFalse(parked.isDone());
        int partition = h.coordinator.partitionFor("g");
        done(h.coordinator.unloadPartition(partition));
        assertEquals(CoordinatorError.NOT_COORDINATOR.code(), done(parked).errorCode());
        assertEquals(CoordinatorError.NOT_COORDINATOR.code(), h.heartbeat("g", g.leader(), g.generation()));

        done(h.coordinator.loadPartition(partition));
        assertEquals("Stable", h.describe("g").groupState(), "what was stored is served again");
        assertEquals(NONE, h.heartbeat("g", g.leader(), g.generation()));
    }

    @Test
    void ourRecordsAreReadByKafka() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 2);
        h.commit("g", g.leader(), g.generation(), "orders", 3, 42);
        h.leave("g", g.followers().get(0));

        List<CoordinatorRecord> records = readWithKafka(h.coordinator.partitionFor("g"));
        GroupMetadataValue stored = null;
        OffsetCommitValue offset = null;
        for (CoordinatorRecord r : records) {
            if (r.key() instanceof GroupMetadataKey key && key.group().equals("g")) {
                assertEquals(3, r.value().version());
                stored = (GroupMetadataValue) r.value().message();
            } else if (r.key() instanceof OffsetCommitKey key && key.group().equals("g")) {
                assertEquals("orders", key.topic());
                assertEquals(3, key.partition());
                assertEquals(3, r.value().version());
                offset = (OffsetCommitValue) r.value().message();
            }
        }
        assertEquals(42, offset.offset());
        assertEquals("m42", offset.metadata());
        assertEquals(h.time.milliseconds(), offset.commitTimestamp());
        assertEquals(g.generation(), stored.generation(), "the last stored generation: its assignment");
        assertEquals("consumer", stored.protocolType());
        assertEquals("range", stored.protocol());
        assertEquals(g.leader(), stored.leader());
        assertEquals(2, stored.members().size());
        for (GroupMetadataValue.MemberMetadata m : stored.members()) {
            assertArrayEquals(bytes(m.memberId()), m.assignment());
            assertArrayEquals(Harness.subscription("orders"), m.subscription());
            assertEquals(Harness.SESSION_MS, m.sessionTimeout());
            assertEquals(Harness.REBALANCE_MS, m.rebalanceTimeout());
            assertEquals("client", m.clientId());
        }
    }

    @Test
    void recordsKafkaWroteAreLoaded() throws IOException {
        h = new Harness(dir);
        int partition = h.coordinator.partitionFor("kafka-group");
        assertEquals(partition, h.coordinator.partitionFor("kafka-group"));
        String other = groupOnPartition(partition, "legacy-");
        GroupCoordinatorRecordSerde serde = new GroupCoordinatorRecordSerde();
        GroupMetadataValue group = new GroupMetadataValue().setProtocolType("consumer").setGeneration(4).setProtocol("range")
                .setLeader("m1").setCurrentStateTimestamp(h.time.milliseconds()).setMembers(List.of(
                        new GroupMetadataValue.MemberMetadata().setMemberId("m1").setClientId("c").setClientHost("/h")
                                .setRebalanceTimeout(30000).setSessionTimeout(10000)
                                .setSubscription(Harness.subscription("orders")).setAssignment(new byte[] {1})));
        append(partition, Compression.gzip().build(), serde,
                CoordinatorRecord.record(new GroupMetadataKey().setGroup("kafka-group"), new ApiMessageAndVersion(group, (short) 4)),
                CoordinatorRecord.record(new OffsetCommitKey().setGroup("kafka-group").setTopic("orders").setPartition(0),
                        new ApiMessageAndVersion(new OffsetCommitValue().setOffset(10).setMetadata("").setCommitTimestamp(1), (short) 4)),
                CoordinatorRecord.record(new LegacyOffsetCommitKey().setGroup(other).setTopic("orders").setPartition(1),
                        new ApiMessageAndVersion(new LegacyOffsetCommitValue().setOffset(20).setMetadata("").setCommitTimestamp(1), (short) 0)),
                CoordinatorRecord.record(new ConsumerGroupMetadataKey().setGroupId("kip-848-group"),
                        new ApiMessageAndVersion(new ConsumerGroupMetadataValue().setEpoch(1), (short) 0)));
        append(partition, Compression.NONE, serde,
                CoordinatorRecord.tombstone(new OffsetCommitKey().setGroup(other).setTopic("orders").setPartition(2)),
                CoordinatorRecord.record(new OffsetCommitKey().setGroup(other).setTopic("orders").setPartition(2),
                        new ApiMessageAndVersion(new OffsetCommitValue().setOffset(30).setMetadata("").setCommitTimestamp(1), (short) 3)));

        done(h.coordinator.unloadPartition(partition));
        done(h.coordinator.loadPartition(partition));

        DescribeGroupsResponse.DescribedGroup described = h.describe("kafka-group");
        assertEquals("Stable", described.groupState());
        assertEquals("m1", described.members().get(0).memberId());
        assertEquals(NONE, h.heartbeat("kafka-group", "m1", 4));
        assertEquals(10, h.committed("kafka-group", "orders", 0));
        assertEquals(20, h.committed(other, "orders", 1));
        assertEquals(30, h.committed(other, "orders", 2));
        assertEquals("Dead", h.describe("kip-848-group").groupState(), "other group types are not ours to serve");
    }

    @Test
    void failedAppendsAreAnsweredWithTheCoordinatorsErrors() throws IOException {
        h = new Harness(dir);
        Harness.Formed g = h.form("g", 1);
        h.offsetsTopic.failAppends(new LogException(LogError.KAFKA_STORAGE_ERROR, "disk gone"));
        assertEquals(CoordinatorError.NOT_COORDINATOR.code(), h.commit("g", g.leader(), g.generation(), "orders", 0, 1));
        h.offsetsTopic.failAppends(new LogException(LogError.RECORD_LIST_TOO_LARGE, "too big"));
        assertEquals(CoordinatorError.INVALID_COMMIT_OFFSET_SIZE.code(), h.commit("g", g.leader(), g.generation(), "orders", 0, 1));
        assertEquals(-1, h.committed("g", "orders", 0), "nothing unwritten is visible");

        h.offsetsTopic.failAppends(new IllegalStateException("no longer the leader"));
        String late = h.memberId("g");
        CompletableFuture<JoinGroupResponse> lateJoin = h.join(9, "g", late);
        JoinGroupResponse leader = done(h.join(9, "g", g.leader()));
        CompletableFuture<SyncGroupResponse> follower = h.sync("g", late, leader.generationId(), Map.of());
        done(lateJoin);
        SyncGroupResponse leaderSync = done(h.sync("g", g.leader(), leader.generationId(), Map.of(late, bytes("x"))));
        assertEquals(CoordinatorError.NOT_COORDINATOR.code(), leaderSync.errorCode());
        assertEquals(CoordinatorError.NOT_COORDINATOR.code(), done(follower).errorCode());
        assertEquals("PreparingRebalance", h.describe("g").groupState(), "the unstored assignment is dropped");
        h.offsetsTopic.failAppends(null);
    }

    @Test
    void kafkaReadsTombstonesOfDeletedGroups() throws IOException {
        h = new Harness(dir);
        h.commit("gone", "", -1, "orders", 0, 1);
        done(h.coordinator.deleteGroups(v(2), new DeleteGroupsRequest().setGroupsNames(List.of("gone"))));
        List<CoordinatorRecord> records = readWithKafka(h.coordinator.partitionFor("gone"));
        CoordinatorRecord groupTombstone = records.get(records.size() - 1);
        assertInstanceOf(GroupMetadataKey.class, groupTombstone.key());
        assertNull(groupTombstone.value());
        CoordinatorRecord offsetTombstone = records.get(records.size() - 2);
        assertTrue(offsetTombstone.key() instanceof OffsetCommitKey);
        assertNull(offsetTombstone.value());
        ApiMessage key = records.get(0).key();
        assertEquals(new OffsetCommitKey().setGroup("gone").setTopic("orders").setPartition(0), key);
    }
    // ---- helpers ----

    /** Reads a partition's log with Kafka's own record classes and record serde. */
    private List<CoordinatorRecord> readWithKafka(int partition) throws IOException {
        Log log = h.offsetsTopic.log(partition).orElseThrow();
        FileSliceRecords slice = log.read(log.logStartOffset(), Integer.MAX_VALUE, log.logEndOffset());
        ByteBuffer buffer = ByteBuffer.allocate(slice.size());
        while (buffer.hasRemaining()) {
            slice.channel().read(buffer, slice.position() + buffer.position());
        }
        buffer.flip();
        GroupCoordinatorRecordSerde serde = new GroupCoordinatorRecordSerde();
        List<CoordinatorRecord> out = new ArrayList<>();
        for (RecordBatch batch : MemoryRecords.readableRecords(buffer).batches()) {
            batch.ensureValid();
            for (Record record : batch) {
                out.add(serde.deserialize(record.key(), record.hasValue() ? record.value() : null));
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private void append(int partition, Compression compression, GroupCoordinatorRecordSerde serde, CoordinatorRecord... records) {
        List<SimpleRecord> simple = new ArrayList<>();
        for (CoordinatorRecord r : records) {
            simple.add(new SimpleRecord(h.time.milliseconds(), serde.serializeKey(r), r.value() == null ? null : serde.serializeValue(r)));
        }
        MemoryRecords memory = MemoryRecords.withRecords(compression, simple.toArray(SimpleRecord[]::new));
        done(h.offsetsTopic.append(partition, Unpooled.wrappedBuffer(memory.buffer())));
    }

    /** A group id with the given prefix that maps to {@code partition}. */
    private String groupOnPartition(int partition, String prefix) {
        for (int i = 0; ; i++) {
            if (h.coordinator.partitionFor(prefix + i) == partition) {
                return prefix + i;
            }
        }
    }
}
