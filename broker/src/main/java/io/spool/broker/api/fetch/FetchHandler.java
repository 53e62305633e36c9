package io.spool.broker.api.fetch;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.api.PartitionLookup;
import io.spool.log.epoch.EpochEntry;
import io.spool.replication.partition.Partition;
import io.spool.replication.partition.ReplicaException;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.FetchRequest;
import io.spool.wire.message.FetchRequest.FetchPartition;
import io.spool.wire.message.FetchRequest.FetchTopic;
import io.spool.wire.message.FetchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch v4-18, without incremental fetch sessions: every answer carries session id 0, which
 * clients take as "keep sending full fetches"; a request naming a session gets
 * FETCH_SESSION_ID_NOT_FOUND, one with session 0 and an epoch other than 0 or -1
 * INVALID_FETCH_SESSION_EPOCH. Topics by name (v4-12) or id (v13+; unknown ids
 * UNKNOWN_TOPIC_ID). A current leader epoch (v9+) other than the partition's is
 * FENCED_LEADER_EPOCH (older) or UNKNOWN_LEADER_EPOCH (newer); a partition led elsewhere is
 * NOT_LEADER_OR_FOLLOWER with the current leader (v12+) and its endpoint (v16+).
 *
 * <p>A fetch with a replica id (ReplicaId before v15, ReplicaState from v15) is a follower's: it
 * must come from one of the partition's replicas (NOT_LEADER_OR_FOLLOWER otherwise, as the leader
 * does not know it), reads up to the log end, records the follower's position (moving the high
 * watermark and the ISR), and with a last fetched epoch (v12+) that does not match the leader's
 * history gets a DivergingEpoch instead of records. Consumers read below the high watermark.
 * Records are file slices sent with sendfile; see {@link FetchReader} for limits and isolation.
 * Unless max_wait_ms is 0, min_bytes is reached or a partition failed, the answer waits in
 * {@link DelayedFetches} until appends (followers) or high watermark moves (consumers) bring
 * enough bytes or max_wait_ms passes.
 */
public final class FetchHandler implements ApiHandler<FetchRequest> {
    private static final byte READ_COMMITTED = 1;

    private final PartitionLookup partitions;
    private final DelayedFetches delayed;
    private final FetchReader reader = new FetchReader();

    public FetchHandler(PartitionLookup partitions, DelayedFetches delayed) {
        this.partitions = partitions;
        this.delayed = delayed;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FETCH;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(4, 18);
    }

    @Override
    public CompletableFuture<FetchResponse> handle(RequestContext context, FetchRequest request) {
        short version = context.version();
        if (version >= 7 && request.sessionId() != 0) {
            return CompletableFuture.completedFuture(new FetchResponse().setErrorCode(Errors.FETCH_SESSION_ID_NOT_FOUND.code()));
        }
        if (version >= 7 && request.sessionEpoch() != 0 && request.sessionEpoch() != -1) {
            return CompletableFuture.completedFuture(new FetchResponse().setErrorCode(Errors.INVALID_FETCH_SESSION_EPOCH.code()));
        }
        int replicaId = version >= 15 ? request.replicaState().replicaId() : request.replicaId();
        FetchPlan plan = plan(request, version >= 13, replicaId);
        FetchReader.Result first = reader.read(plan);
        if (request.maxWaitMs() <= 0 || first.bytes() >= request.minBytes() || first.anyError()
                || plan.hostedPartitions().isEmpty()) {
            return CompletableFuture.completedFuture(withLeaderEndpoints(context, first.response()));
        }
        return new DelayedFetch(plan, request.minBytes(), reader, delayed).start(context.scheduler(), request.maxWaitMs())
                .thenApply(response -> withLeaderEndpoints(context, response));
    }

    /** Adds the endpoints of the leaders that NOT_LEADER_OR_FOLLOWER answers name (v16+). */
    private FetchResponse withLeaderEndpoints(RequestContext context, FetchResponse response) {
        if (context.version() < 16) {
            return response;
        }
        Set<Integer> leaders = new TreeSet<>();
        for (FetchResponse.FetchableTopicResponse topic : response.responses()) {
            for (FetchResponse.PartitionData p : topic.partitions()) {
                if (p.errorCode() == Errors.NOT_LEADER_OR_FOLLOWER.code() && p.currentLeader().leaderId() >= 0) {
                    leaders.add(p.currentLeader().leaderId());
                }
            }
        }
        List<FetchResponse.NodeEndpoint> endpoints = new ArrayList<>(leaders.size());
        for (int leader : leaders) {
            partitions.endpoint(leader, context.listenerName()).ifPresent(e -> endpoints.add(new FetchResponse.NodeEndpoint()
                    .setNodeId(leader).setHost(e.host()).setPort(e.port()).setRack(partitions.rack(leader))));
        }
        return response.setNodeEndpoints(endpoints);
    }

    private FetchPlan plan(FetchRequest request, boolean byId, int replicaId) {
        List<FetchPlan.Topic> topics = new ArrayList<>(request.topics().size());
        for (FetchTopic topic : request.topics()) {
            List<FetchPlan.Wanted> wanted = new ArrayList<>(topic.partitions().size());
            for (FetchPartition p : topic.partitions()) {
                wanted.add(resolve(byId, topic, p, replicaId));
            }
            topics.add(new FetchPlan.Topic(topic.topic(), topic.topicId(), wanted));
        }
        return new FetchPlan(topics, request.maxBytes(), request.isolationLevel() == READ_COMMITTED, byId, replicaId);
    }

    /** Finds the led partition; for a follower, checks its history and records its position. */
    private FetchPlan.Wanted resolve(boolean byId, FetchTopic topic, FetchPartition p, int replicaId) {
        PartitionLookup.Result found = byId ? partitions.byId(topic.topicId(), p.partition(), p.currentLeaderEpoch())
                : partitions.byName(topic.topic(), p.partition(), p.currentLeaderEpoch());
        if (!found.ok()) {
            return failed(p, found.error(), found);
        }
        Partition partition = found.partition();
        EpochEntry diverging = null;
        if (replicaId >= 0) {
            diverging = partition.divergingEpoch(p.lastFetchedEpoch(), p.fetchOffset()).orElse(null);
            try {
                if (diverging == null && !partition.followerFetched(replicaId, p.fetchOffset())) {
                    return failed(p, Errors.NOT_LEADER_OR_FOLLOWER, found);
                }
            } catch (ReplicaException e) {
                return failed(p, Errors.forCode(e.error().code()), found);
            }
        }
        return new FetchPlan.Wanted(p.partition(), partition, Errors.NONE, found.leaderId(), found.leaderEpoch(), p.fetchOffset(),
                p.partitionMaxBytes(), diverging);
    }

    private static FetchPlan.Wanted failed(FetchPartition p, Errors error, PartitionLookup.Result found) {
        return new FetchPlan.Wanted(p.partition(), null, error, found.leaderId(), found.leaderEpoch(), p.fetchOffset(),
                p.partitionMaxBytes(), null);
    }
}
