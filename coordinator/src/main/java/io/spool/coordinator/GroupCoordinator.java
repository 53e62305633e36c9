package io.spool.coordinator;

import io.netty.buffer.ByteBufAllocator;
import io.spool.coordinator.group.ClassicGroup;
import io.spool.coordinator.group.GroupViews;
import io.spool.coordinator.group.LeaveGroupFlow;
import io.spool.coordinator.runtime.EventLoop;
import io.spool.coordinator.runtime.ThreadEventLoop;
import io.spool.coordinator.storage.LoadedPartition;
import io.spool.coordinator.storage.PartitionLoader;
import io.spool.coordinator.storage.RecordWriter;
import io.spool.log.Log;
import io.spool.log.time.Time;
import io.spool.wire.message.DeleteGroupsRequest;
import io.spool.wire.message.DeleteGroupsResponse;
import io.spool.wire.message.DescribeGroupsRequest;
import io.spool.wire.message.DescribeGroupsResponse;
import io.spool.wire.message.HeartbeatRequest;
import io.spool.wire.message.HeartbeatResponse;
import io.spool.wire.message.JoinGroupRequest;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.LeaveGroupRequest;
import io.spool.wire.message.LeaveGroupResponse;
import io.spool.wire.message.ListGroupsRequest;
import io.spool.wire.message.ListGroupsResponse;
import io.spool.wire.message.OffsetCommitRequest;
import io.spool.wire.message.OffsetCommitResponse;
import io.spool.wire.message.OffsetDeleteRequest;
import io.spool.wire.message.OffsetDeleteResponse;
import io.spool.wire.message.OffsetFetchRequest;
import io.spool.wire.message.OffsetFetchResponse;
import io.spool.wire.message.SyncGroupRequest;
import io.spool.wire.message.SyncGroupResponse;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The group coordinator of the classic consumer-group protocol: what the broker's handlers call,
 * one method per API, each taking the decoded request and answering with a future of the
 * response for the request's version. Groups live in the partitions of {@code __consumer_offsets}
 * this node loaded ({@link #loadPartition}); every change is appended there before its response
 * completes, and replaying a partition rebuilds its groups and offsets.
 *
 * <p>All group and offset state is touched only on one event loop, so the methods may be called
 * from any thread and never block; loading partitions and creating the topic run on a separate
 * thread. Responses never fail: problems the protocol can express are in them.
 */
public final class GroupCoordinator {
    private static final System.Logger LOG = System.getLogger(GroupCoordinator.class.getName());
    /** How often due timers (sessions, rebalance phases, retention) are checked. */
    static final long TIMER_TICK_MS = 100;
    private static final short LEAVE_BATCH_VERSION = 3;
    private static final short DESCRIBE_NOT_FOUND_VERSION = 6;
    private static final short LIST_STATES_VERSION = 4;
    private static final short LIST_TYPES_VERSION = 5;
    private static final short JOIN_NULLABLE_PROTOCOL_VERSION = 7;

    private final GroupCoordinatorConfig config;
    private final OffsetsTopic offsetsTopic;
    private final TopicLookup topics;
    private final Time time;
    private final EventLoop events;
    private final Executor loader;
    private final ExecutorService ownedLoader;
    private final ByteBufAllocator allocator;
    private final PartitionLoader partitionLoader;

    // Event loop only.
    private final Map<Integer, GroupShard> shards = new HashMap<>();
    private final Map<Integer, Load> loading = new HashMap<>();
    private long loadSequence;

    private volatile int partitionCount;
    private CompletableFuture<Integer> topicCreation;

    /** A partition being loaded; {@code done} completes when its groups are served here. */
    private record Load(long sequence, CompletableFuture<Void> done) {
    }

    /** A coordinator with its own event loop and loader threads, started by {@link #startup()}. */
    public GroupCoordinator(GroupCoordinatorConfig config, OffsetsTopic offsetsTopic, TopicLookup topics, Time time) {
        this(config, offsetsTopic, topics, time, new ThreadEventLoop("spool-group-coordinator"),
                Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "spool-group-loader");
                    thread.setDaemon(true);
                    return thread;
                }), ByteBufAllocator.DEFAULT);
    }

    /** A coordinator on the given event loop, loader and allocator (tests drive the first two by hand). */
    GroupCoordinator(GroupCoordinatorConfig config, OffsetsTopic offsetsTopic, TopicLookup topics, Time time,
                     EventLoop events, Executor loader, ByteBufAllocator allocator) {
        this.config = config;
        this.offsetsTopic = offsetsTopic;
        this.topics = topics;
        this.time = time;
        this.events = events;
        this.loader = loader;
        this.ownedLoader = loader instanceof ExecutorService s ? s : null;
        this.allocator = allocator;
        this.partitionLoader = new PartitionLoader(allocator, config.offsetsLoadBufferSize());
        this.partitionCount = config.offsetsTopicPartitions();
    }

    // ---- lifecycle ----

    /**
     * Starts the timers. Groups map to partitions by the topic's partition count if it exists, by
     * {@code offsets.topic.num.partitions} otherwise. No partition is served until the broker
     * loads it.
     */
    public void startup() {
        offsetsTopic.partitionCount().ifPresent(n -> partitionCount = n);
        events.every(TIMER_TICK_MS, this::runDueTimers);
    }

    /** Unloads every partition (parked requests are answered NOT_COORDINATOR) and stops the threads. */
    public void shutdown() {
        CompletableFuture<Void> unloaded = onLoop(() -> {
            List.copyOf(shards.keySet()).forEach(this::unload);
            List.copyOf(loading.keySet()).forEach(this::unload);
        });
        try {
            unloaded.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Group coordinator did not unload cleanly: " + e);
        }
        events.shutdown();
        if (ownedLoader != null) {
            ownedLoader.shutdownNow();
        }
    }

    /** The partition of {@code __consumer_offsets} that holds a group: as Kafka, |hash| mod partitions (hash MIN_VALUE counts as 0). */
    public int partitionFor(String groupId) {
        int hash = groupId.hashCode();
        return (hash == Integer.MIN_VALUE ? 0 : Math.abs(hash)) % partitionCount;
    }

    public int partitionCount() {
        return partitionCount;
    }

    /**
     * Creates {@code __consumer_offsets} (with {@code offsets.topic.*} settings, compacted) unless it
     * exists; FindCoordinator calls this on first use. Completes with the partition count.
     */
    public synchronized CompletableFuture<Integer> ensureOffsetsTopic() {
        OptionalInt existing = offsetsTopic.partitionCount();
        if (existing.isPresent()) {
            partitionCount = existing.getAsInt();
            return CompletableFuture.completedFuture(partitionCount);
        }
        if (topicCreation == null || topicCreation.isCompletedExceptionally()) {
            topicCreation = CompletableFuture.supplyAsync(() -> offsetsTopic.createIfAbsent(
                    config.offsetsTopicPartitions(), config.offsetsTopicReplicationFactor(), config.offsetsTopicConfigs()),
                    loader).thenApply(n -> {
                        partitionCount = n;
                        return n;
                    });
        }
        return topicCreation;
    }

    /**
     * Starts serving the groups of a partition this node now leads: its log is replayed off the
     * event loop, meanwhile its groups' requests get COORDINATOR_LOAD_IN_PROGRESS. Completes when
     * the groups are served, or fails if the partition has no log here or cannot be read.
     */
    public CompletableFuture<Void> loadPartition(int partition) {
        return onLoop(() -> startLoad(partition)).thenCompose(Function.identity());
    }

    /** Stops serving the groups of a partition (leadership moved): parked requests are answered NOT_COORDINATOR. */
    public CompletableFuture<Void> unloadPartition(int partition) {
        return onLoop(() -> unload(partition));
    }

    /** Topics were deleted: every group forgets its offsets of them (tombstones are written). */
    public CompletableFuture<Void> onTopicsDeleted(Collection<String> deletedTopics) {
        return onLoop(() -> shards.values().forEach(shard -> shard.retention.forgetTopics(deletedTopics)));
    }

    private CompletableFuture<Void> startLoad(int partition) {
        if (shards.containsKey(partition)) {
            return CompletableFuture.completedFuture(null);
        }
        Load existing = loading.get(partition);
        if (existing != null) {
            return existing.done();
        }
        Optional<Log> log = offsetsTopic.log(partition);
        if (log.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    OffsetsTopic.NAME + "-" + partition + " has no log on this node"));
        }
        Load load = new Load(++loadSequence, new CompletableFuture<>());
        loading.put(partition, load);
        try {
            loader.execute(() -> {
                LoadedPartition state = null;
                RuntimeException failure = null;
                try {
                    state = partitionLoader.load(log.get());
                } catch (RuntimeException e) {
                    failure = e;
                }
                LoadedPartition loaded = state;
                RuntimeException failed = failure;
                onLoop(() -> finishLoad(partition, load, loaded, failed));
            });
        } catch (RejectedExecutionException e) {
            loading.remove(partition);
            load.done().completeExceptionally(e);
        }
        return load.done();
    }

    private void finishLoad(int partition, Load load, LoadedPartition state, RuntimeException failure) {
        if (loading.get(partition) != load) {
            load.done().completeExceptionally(new IllegalStateException("partition " + partition + " was unloaded while loading"));
            return;
        }
        loading.remove(partition);
        if (failure != null) {
            LOG.log(Level.ERROR, "Could not load " + OffsetsTopic.NAME + "-" + partition, failure);
            load.done().completeExceptionally(failure);
            return;
        }
        GroupShard shard = new GroupShard(partition, config,
                new RecordWriter(offsetsTopic, partition, time, events, allocator), topics, time);
        shard.restore(state);
        shards.put(partition, shard);
        LOG.log(Level.INFO, "Loaded {0}-{1}: {2} groups", OffsetsTopic.NAME, partition, shard.groups.all().size());
        load.done().complete(null);
    }

    private void unload(int partition) {
        loading.remove(partition);
        GroupShard shard = shards.remove(partition);
        if (shard != null) {
            shard.unload();
            LOG.log(Level.INFO, "Unloaded {0}-{1}", OffsetsTopic.NAME, partition);
        }
    }

    /** Runs the timers that are due in every loaded partition; the event loop does so every {@value #TIMER_TICK_MS} ms. */
    void runDueTimers() {
        long now = time.milliseconds();
        for (GroupShard shard : List.copyOf(shards.values())) {
            shard.timer.runDue(now);
        }
    }

    // ---- the group membership APIs ----

    public CompletableFuture<JoinGroupResponse> joinGroup(RequestInfo info, JoinGroupRequest request) {
        return forGroup(request.groupId(), false,
                error -> new JoinGroupResponse().setErrorCode(error.code()).setMemberId(request.memberId()),
                shard -> shard.joins.join(info, request))
                .thenApply(response -> {
                    if (info.version() < JOIN_NULLABLE_PROTOCOL_VERSION && response.protocolName() == null) {
                        response.setProtocolName("");
                    }
                    return response;
                });
    }

    public CompletableFuture<SyncGroupResponse> syncGroup(RequestInfo info, SyncGroupRequest request) {
        return forGroup(request.groupId(), false, error -> new SyncGroupResponse().setErrorCode(error.code()),
                shard -> shard.syncs.sync(request));
    }

    /** Heartbeats to a partition still loading are answered NONE, as Kafka does: the member is not at fault. */
    public CompletableFuture<HeartbeatResponse> heartbeat(RequestInfo info, HeartbeatRequest request) {
        return forGroup(request.groupId(), false,
                error -> new HeartbeatResponse().setErrorCode(
                        (error == CoordinatorError.COORDINATOR_LOAD_IN_PROGRESS ? CoordinatorError.NONE : error).code()),
                shard -> CompletableFuture.completedFuture(shard.heartbeats.heartbeat(request)));
    }

    public CompletableFuture<LeaveGroupResponse> leaveGroup(RequestInfo info, LeaveGroupRequest request) {
        List<LeaveGroupRequest.MemberIdentity> leaving = LeaveGroupFlow.leaving(request, info.version());
        return forGroup(request.groupId(), false, error -> new LeaveGroupResponse().setErrorCode(error.code()),
                shard -> {
                    List<LeaveGroupResponse.MemberResponse> results = shard.leaves.leave(request.groupId(), leaving);
                    LeaveGroupResponse response = info.version() >= LEAVE_BATCH_VERSION
                            ? new LeaveGroupResponse().setMembers(results)
                            : new LeaveGroupResponse().setErrorCode(results.get(0).errorCode());
                    return CompletableFuture.completedFuture(response);
                });
    }

    // ---- offsets ----

    public CompletableFuture<OffsetCommitResponse> commitOffsets(RequestInfo info, OffsetCommitRequest request) {
        return forGroup(request.groupId(), true, error -> failedCommit(request, error),
                shard -> shard.commits.commit(info, request));
    }

    private static OffsetCommitResponse failedCommit(OffsetCommitRequest request, CoordinatorError error) {
        OffsetCommitResponse response = new OffsetCommitResponse();
        for (OffsetCommitRequest.OffsetCommitRequestTopic t : request.topics()) {
            OffsetCommitResponse.OffsetCommitResponseTopic topic = new OffsetCommitResponse.OffsetCommitResponseTopic()
                    .setName(t.name()).setTopicId(t.topicId());
            for (OffsetCommitRequest.OffsetCommitRequestPartition p : t.partitions()) {
                topic.partitions().add(new OffsetCommitResponse.OffsetCommitResponsePartition()
                        .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(topic);
        }
        return response;
    }

    /**
     * OffsetFetch for one group (before v8) or several (v8+), each answered by the partition that
     * holds it. Offsets committed in transactions do not exist yet, so require-stable has nothing to wait for.
     */
    public CompletableFuture<OffsetFetchResponse> fetchOffsets(RequestInfo info, OffsetFetchRequest request) {
        short version = info.version();
        List<OffsetFetchRequest.OffsetFetchRequestGroup> requested = OffsetFetchVersions.groups(request, version);
        boolean byTopicId = version >= OffsetFetchVersions.TOPIC_ID_VERSION;
        return onLoop(error -> OffsetFetchVersions.response(requested,
                requested.stream().map(g -> OffsetFetchVersions.failed(g, error)).toList(), version), () -> {
            List<OffsetFetchResponse.OffsetFetchResponseGroup> results = new ArrayList<>(requested.size());
            for (OffsetFetchRequest.OffsetFetchRequestGroup group : requested) {
                CoordinatorError error = availability(group.groupId(), true);
                results.add(error == CoordinatorError.NONE
                        ? shardOf(group.groupId()).fetches.fetch(group.groupId(), group.topics(), byTopicId)
                        : OffsetFetchVersions.failed(group, error));
            }
            return CompletableFuture.completedFuture(OffsetFetchVersions.response(requested, results, version));
        });
    }

    public CompletableFuture<OffsetDeleteResponse> deleteOffsets(RequestInfo info, OffsetDeleteRequest request) {
        return forGroup(request.groupId(), false, error -> new OffsetDeleteResponse().setErrorCode(error.code()),
                shard -> shard.offsetDeletes.delete(request));
    }

    // ---- group administration ----

    /** DeleteGroups: each group is deleted by the partition that holds it, a batch of tombstones per partition. */
    public CompletableFuture<DeleteGroupsResponse> deleteGroups(RequestInfo info, DeleteGroupsRequest request) {
        return onLoop(error -> new DeleteGroupsResponse().setResults(request.groupsNames().stream()
                .map(id -> deleteResult(id, error)).toList()), () -> {
            List<DeleteGroupsResponse.DeletableGroupResult> results = new ArrayList<>();
            Map<GroupShard, List<String>> byShard = new LinkedHashMap<>();
            for (String groupId : request.groupsNames()) {
                CoordinatorError error = availability(groupId, true);
                if (error == CoordinatorError.NONE) {
                    byShard.computeIfAbsent(shardOf(groupId), s -> new ArrayList<>()).add(groupId);
                } else {
                    results.add(deleteResult(groupId, error));
                }
            }
            List<CompletableFuture<List<DeleteGroupsResponse.DeletableGroupResult>>> pending = new ArrayList<>();
            byShard.forEach((shard, groupIds) -> pending.add(shard.deletions.delete(groupIds)));
            return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(done -> {
                pending.forEach(p -> results.addAll(p.join()));
                return new DeleteGroupsResponse().setResults(results);
            });
        });
    }

    private static DeleteGroupsResponse.DeletableGroupResult deleteResult(String groupId, CoordinatorError error) {
        return new DeleteGroupsResponse.DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code());
    }

    /** ListGroups: every group of the loaded partitions, filtered by state (v4+) and type (v5+). */
    public CompletableFuture<ListGroupsResponse> listGroups(RequestInfo info, ListGroupsRequest request) {
        List<String> states = info.version() >= LIST_STATES_VERSION ? request.statesFilter() : List.of();
        List<String> types = info.version() >= LIST_TYPES_VERSION ? request.typesFilter() : List.of();
        return onLoop(error -> new ListGroupsResponse().setErrorCode(error.code()), () -> {
            if (!loading.isEmpty()) {
                return CompletableFuture.completedFuture(
                        new ListGroupsResponse().setErrorCode(CoordinatorError.COORDINATOR_LOAD_IN_PROGRESS.code()));
            }
            List<ListGroupsResponse.ListedGroup> listed = new ArrayList<>();
            for (GroupShard shard : shards.values()) {
                for (ClassicGroup group : shard.groups.all()) {
                    if (GroupViews.matches(group, states, types)) {
                        listed.add(GroupViews.listed(group));
                    }
                }
            }
            listed.sort(Comparator.comparing(ListGroupsResponse.ListedGroup::groupId));
            return CompletableFuture.completedFuture(new ListGroupsResponse().setGroups(listed));
        });
    }

    /**
     * DescribeGroups. A group not here is shown Dead, and from v6 also answered GROUP_ID_NOT_FOUND.
     * Authorized operations are the broker's to fill in.
     */
    public CompletableFuture<DescribeGroupsResponse> describeGroups(RequestInfo info, DescribeGroupsRequest request) {
        return onLoop(error -> new DescribeGroupsResponse().setGroups(request.groups().stream()
                .map(id -> new DescribeGroupsResponse.DescribedGroup().setGroupId(id).setErrorCode(error.code())).toList()), () -> {
            List<DescribeGroupsResponse.DescribedGroup> described = new ArrayList<>(request.groups().size());
            for (String groupId : request.groups()) {
                CoordinatorError error = availability(groupId, true);
                ClassicGroup group = error == CoordinatorError.NONE ? shardOf(groupId).groups.get(groupId) : null;
                if (error != CoordinatorError.NONE) {
                    described.add(new DescribeGroupsResponse.DescribedGroup().setGroupId(groupId).setErrorCode(error.code()));
                } else if (group != null) {
                    described.add(GroupViews.describe(group));
                } else if (info.version() >= DESCRIBE_NOT_FOUND_VERSION) {
                    described.add(GroupViews.describeMissing(groupId)
                            .setErrorCode(CoordinatorError.GROUP_ID_NOT_FOUND.code())
                            .setErrorMessage("Group " + groupId + " not found."));
                } else {
                    described.add(GroupViews.describeMissing(groupId));
                }
            }
            return CompletableFuture.completedFuture(new DescribeGroupsResponse().setGroups(described));
        });
    }

    // ---- routing ----

    /** Whether a group's requests can be served here now (event loop only). */
    private CoordinatorError availability(String groupId, boolean allowEmptyId) {
        CoordinatorError invalid = GroupIds.check(groupId, allowEmptyId);
        if (invalid != CoordinatorError.NONE) {
            return invalid;
        }
        int partition = partitionFor(groupId);
        if (shards.containsKey(partition)) {
            return CoordinatorError.NONE;
        }
        return loading.containsKey(partition) ? CoordinatorError.COORDINATOR_LOAD_IN_PROGRESS : CoordinatorError.NOT_COORDINATOR;
    }

    private GroupShard shardOf(String groupId) {
        return shards.get(partitionFor(groupId));
    }

    private <R> CompletableFuture<R> forGroup(String groupId, boolean allowEmptyId, Function<CoordinatorError, R> errors,
                                              Function<GroupShard, CompletableFuture<R>> action) {
        CoordinatorError invalid = GroupIds.check(groupId, allowEmptyId);
        if (invalid != CoordinatorError.NONE) {
            return CompletableFuture.completedFuture(errors.apply(invalid));
        }
        return onLoop(errors, () -> {
            CoordinatorError error = availability(groupId, allowEmptyId);
            return error == CoordinatorError.NONE ? action.apply(shardOf(groupId))
                    : CompletableFuture.completedFuture(errors.apply(error));
        });
    }

    /**
     * Runs {@code task} on the event loop. A task that throws or fails is a bug: it is logged and
     * answered UNKNOWN_SERVER_ERROR; a loop that is shut down answers COORDINATOR_NOT_AVAILABLE.
     */
    private <R> CompletableFuture<R> onLoop(Function<CoordinatorError, R> errors, Supplier<CompletableFuture<R>> task) {
        CompletableFuture<R> result = new CompletableFuture<>();
        try {
            events.execute(() -> {
                CompletableFuture<R> answer;
                try {
                    answer = task.get();
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete((response, failure) -> {
                    if (failure == null) {
                        result.complete(response);
                    } else {
                        LOG.log(Level.ERROR, "Group coordinator request failed", failure);
                        result.complete(errors.apply(CoordinatorError.UNKNOWN_SERVER_ERROR));
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            result.complete(errors.apply(CoordinatorError.COORDINATOR_NOT_AVAILABLE));
        }
        return result;
    }

    /** Runs {@code task} on the event loop; the future fails if it throws or the loop is shut down. */
    private <T> CompletableFuture<T> onLoop(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            events.execute(() -> {
                try {
                    result.complete(task.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private CompletableFuture<Void> onLoop(Runnable task) {
        return onLoop(() -> {
            task.run();
            return null;
        });
    }
}
