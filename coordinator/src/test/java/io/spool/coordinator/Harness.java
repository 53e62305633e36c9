package io.spool.coordinator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.LogManagerConfig;
import io.spool.log.time.ManualTime;
import io.spool.wire.message.ConsumerProtocolSubscription;
import io.spool.wire.message.DescribeGroupsRequest;
import io.spool.wire.message.DescribeGroupsResponse;
import io.spool.wire.message.HeartbeatRequest;
import io.spool.wire.message.JoinGroupRequest;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.LeaveGroupRequest;
import io.spool.wire.message.LeaveGroupResponse;
import io.spool.wire.message.OffsetCommitRequest;
import io.spool.wire.message.OffsetCommitResponse;
import io.spool.wire.message.OffsetFetchRequest;
import io.spool.wire.message.OffsetFetchResponse;
import io.spool.wire.message.SyncGroupRequest;
import io.spool.wire.message.SyncGroupResponse;
import io.spool.wire.protocol.MessageWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator on a real LogManager in a temp dir, with a manual clock and event loop: requests
 * are answered on the test's thread, and time moves only when the test says so.
 */
final class Harness implements AutoCloseable {
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 30_000;
    static final String CONSUMER = "consumer";

    final Path dir;
    final ManualTime time = new ManualTime(1_700_000_000_000L);
    final KnownTopics topics = new KnownTopics().add("orders", 4).add("payments", 2);
    final GroupCoordinatorConfig config;
    final PooledByteBufAllocator allocator = TrackingAllocator.create();
    ManualEventLoop loop;
    LogManager logs;
    LocalOffsetsTopic offsetsTopic;
    GroupCoordinator coordinator;

    Harness(Path dir) throws IOException {
        this(dir, Map.of());
    }

    Harness(Path dir, Map<String, String> overrides) throws IOException {
        this.dir = dir;
        Map<String, String> props = new HashMap<>();
        props.put("offsets.topic.num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.putAll(overrides);
        this.config = GroupCoordinatorConfig.fromProperties(props);
        start(Runnable::run, true);
    }

    /** Opens the logs and a coordinator over them; with {@code load}, loads every partition. */
    void start(Executor loader, boolean load) throws IOException {
        LogConfig defaults = LogConfig.defaults();
        long hour = 3_600_000L;
        logs = LogManager.start(new LogManagerConfig(List.of(dir), hour, hour, hour, hour, hour, hour), defaults,
                topic -> topic.equals(OffsetsTopic.NAME) ? defaults.withOverrides(config.offsetsTopicConfigs()) : defaults,
                time);
        offsetsTopic = new LocalOffsetsTopic(logs);
        loop = new ManualEventLoop();
        coordinator = new GroupCoordinator(config, offsetsTopic, topics, time, loop, loader, allocator);
        coordinator.startup();
        done(coordinator.ensureOffsetsTopic());
        if (load) {
            for (int p = 0; p < coordinator.partitionCount(); p++) {
                done(coordinator.loadPartition(p));
            }
        }
    }

    /** Stops the coordinator and the logs, as a broker shutdown does. */
    void stop() throws IOException {
        coordinator.shutdown();
        logs.shutdown();
    }

    /** A broker restart: everything the coordinator knows must come back from the log. */
    void restart() throws IOException {
        stop();
        start(Runnable::run, true);
    }

    /** Stops everything and checks that the coordinator released every buffer it allocated. */
    @Override
    public void close() throws IOException {
        stop();
        TrackingAllocator.assertNothingLeaked(allocator);
    }

    /** Moves the clock and lets the coordinator's timers run. */
    void advance(long ms) {
        time.advance(ms);
        loop.tick();
    }

    static <T> T done(CompletableFuture<T> future) {
        assertTrue(future.isDone(), "expected an answer at once");
        return future.join();
    }

    static RequestInfo v(int version) {
        return new RequestInfo((short) version, "client", "/127.0.0.1");
    }

    // ---- protocol metadata ----

    static byte[] subscription(String... topics) {
        MessageWriter writer = new MessageWriter(ByteBufAllocator.DEFAULT);
        writer.writeInt16(ConsumerProtocolSubscription.HIGHEST_VERSION);
        new ConsumerProtocolSubscription().setTopics(List.of(topics)).write(writer, ConsumerProtocolSubscription.HIGHEST_VERSION);
        ByteBuf buf = (ByteBuf) writer.finish().get(0);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }

    /** The given protocols, each with a subscription to "orders". */
    static List<JoinGroupRequest.JoinGroupRequestProtocol> protocols(String... names) {
        List<JoinGroupRequest.JoinGroupRequestProtocol> out = new ArrayList<>();
        for (String name : names) {
            out.add(new JoinGroupRequest.JoinGroupRequestProtocol().setName(name).setMetadata(subscription("orders")));
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- requests ----

    static JoinGroupRequest joinRequest(String group, String memberId, String instanceId,
                                        List<JoinGroupRequest.JoinGroupRequestProtocol> protocols) {
        return new JoinGroupRequest().setGroupId(group).setMemberId(memberId).setGroupInstanceId(instanceId)
                .setSessionTimeoutMs(SESSION_MS).setRebalanceTimeoutMs(REBALANCE_MS).setProtocolType(CONSUMER)
                .setProtocols(protocols);
    }

    CompletableFuture<JoinGroupResponse> join(int version, String group, String memberId) {
        return coordinator.joinGroup(v(version), joinRequest(group, memberId, null, protocols("range")));
    }

    CompletableFuture<JoinGroupResponse> join(int version, JoinGroupRequest request) {
        return coordinator.joinGroup(v(version), request);
    }

    /** The first JoinGroup of KIP-394: the member gets its id (and is pending until it joins with it). */
    String memberId(String group) {
        JoinGroupResponse r = done(join(9, group, ""));
        assertEquals(CoordinatorError.MEMBER_ID_REQUIRED.code(), r.errorCode());
        return r.memberId();
    }

    CompletableFuture<SyncGroupResponse> sync(String group, String memberId, int generation,
                                              Map<String, byte[]> assignment) {
        List<SyncGroupRequest.SyncGroupRequestAssignment> list = new ArrayList<>();
        assignment.forEach((id, bytes) -> list.add(new SyncGroupRequest.SyncGroupRequestAssignment().setMemberId(id)
                .setAssignment(bytes)));
        return coordinator.syncGroup(v(5), new SyncGroupRequest().setGroupId(group).setMemberId(memberId)
                .setGenerationId(generation).setProtocolType(CONSUMER).setAssignments(list));
    }

    short heartbeat(String group, String memberId, int generation) {
        return done(coordinator.heartbeat(v(4), new HeartbeatRequest().setGroupId(group).setMemberId(memberId)
                .setGenerationId(generation))).errorCode();
    }

    short heartbeat(String group, String memberId, String instanceId, int generation) {
        return done(coordinator.heartbeat(v(4), new HeartbeatRequest().setGroupId(group).setMemberId(memberId)
                .setGroupInstanceId(instanceId).setGenerationId(generation))).errorCode();
    }

    LeaveGroupResponse leave(String group, String memberId) {
        return done(coordinator.leaveGroup(v(5), new LeaveGroupRequest().setGroupId(group).setMembers(List.of(
                new LeaveGroupRequest.MemberIdentity().setMemberId(memberId)))));
    }

    DescribeGroupsResponse.DescribedGroup describe(String group) {
        return done(coordinator.describeGroups(v(5), new DescribeGroupsRequest().setGroups(List.of(group)))).groups().get(0);
    }

    static OffsetCommitRequest commitRequest(String group, String memberId, int generation, String topic, int partition,
                                             long offset) {
        return new OffsetCommitRequest().setGroupId(group).setMemberId(memberId).setGenerationIdOrMemberEpoch(generation)
                .setTopics(List.of(new OffsetCommitRequest.OffsetCommitRequestTopic().setName(topic).setPartitions(List.of(
                        new OffsetCommitRequest.OffsetCommitRequestPartition().setPartitionIndex(partition)
                                .setCommittedOffset(offset).setCommittedMetadata("m" + offset)))));
    }

    /** Commits one offset (OffsetCommit v8) and returns the partition's error code. */
    short commit(String group, String memberId, int generation, String topic, int partition, long offset) {
        OffsetCommitResponse r = done(coordinator.commitOffsets(v(8),
                commitRequest(group, memberId, generation, topic, partition, offset)));
        return r.topics().get(0).partitions().get(0).errorCode();
    }

    /** The committed offset of one partition (OffsetFetch v8), -1 if none. */
    long committed(String group, String topic, int partition) {
        OffsetFetchResponse r = done(coordinator.fetchOffsets(v(8), new OffsetFetchRequest().setGroups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId(group).setTopics(List.of(
                        new OffsetFetchRequest.OffsetFetchRequestTopics().setName(topic).setPartitionIndexes(List.of(partition))))))));
        OffsetFetchResponse.OffsetFetchResponseGroup g = r.groups().get(0);
        assertEquals(0, g.errorCode());
        return g.topics().get(0).partitions().get(0).committedOffset();
    }

    /** A group formed by {@code size} dynamic members joining one generation together and syncing. */
    record Formed(List<String> memberIds, String leader, int generation) {
        List<String> followers() {
            return memberIds.stream().filter(id -> !id.equals(leader)).toList();
        }
    }

    Formed form(String group, int size) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(memberId(group));
        }
        List<CompletableFuture<JoinGroupResponse>> joins = new ArrayList<>();
        for (String id : ids) {
            joins.add(join(9, group, id));
        }
        JoinGroupResponse first = done(joins.get(0));
        for (CompletableFuture<JoinGroupResponse> j : joins) {
            assertEquals(0, done(j).errorCode());
        }
        Formed formed = new Formed(ids, first.leader(), first.generationId());
        syncAll(group, formed);
        return formed;
    }

    /** Every member syncs; the leader assigns each member the bytes of its own id. */
    void syncAll(String group, Formed formed) {
        List<CompletableFuture<SyncGroupResponse>> syncs = new ArrayList<>();
        for (String follower : formed.followers()) {
            syncs.add(sync(group, follower, formed.generation(), Map.of()));
        }
        Map<String, byte[]> assignment = new HashMap<>();
        formed.memberIds().forEach(id -> assignment.put(id, bytes(id)));
        syncs.add(sync(group, formed.leader(), formed.generation(), assignment));
        for (CompletableFuture<SyncGroupResponse> s : syncs) {
            assertEquals(0, done(s).errorCode());
        }
    }
}
