package io.spool.broker.api.fetch;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.partition.Partition;
import io.spool.broker.partition.PartitionManager;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.FetchRequest;
import io.spool.wire.message.FetchRequest.FetchPartition;
import io.spool.wire.message.FetchRequest.FetchTopic;
import io.spool.wire.message.FetchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch v4-18, without incremental fetch sessions: every answer carries session id 0, which
 * clients take as "keep sending full fetches"; a request naming a session gets
 * FETCH_SESSION_ID_NOT_FOUND, one with session 0 and an epoch other than 0 or -1
 * INVALID_FETCH_SESSION_EPOCH. Topics by name (v4-12) or id (v13+; unknown ids
 * UNKNOWN_TOPIC_ID). A current leader epoch (v9+) other than the partition's is
 * FENCED_LEADER_EPOCH (older) or UNKNOWN_LEADER_EPOCH (newer). Records are file slices sent with
 * sendfile; see {@link FetchReader} for limits and isolation. Unless max_wait_ms is 0, min_bytes
 * is reached or a partition failed, the answer waits in {@link DelayedFetches} until appends bring
 * enough bytes or max_wait_ms passes. Divergence checks on last_fetched_epoch (follower fetches)
 * are not done: this broker's logs are never truncated by a leader change.
 */
public final class FetchHandler implements ApiHandler<FetchRequest> {
    private static final byte READ_COMMITTED = 1;

    private final PartitionManager partitions;
    private final DelayedFetches delayed;
    private final FetchReader reader = new FetchReader();

    public FetchHandler(PartitionManager partitions, DelayedFetches delayed) {
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
        FetchPlan plan = plan(request, version >= 13);
        FetchReader.Result first = reader.read(plan);
        if (request.maxWaitMs() <= 0 || first.bytes() >= request.minBytes() || first.anyError()
                || plan.hostedPartitions().isEmpty()) {
            return CompletableFuture.completedFuture(first.response());
        }
        return new DelayedFetch(plan, request.minBytes(), reader, delayed).start(context.scheduler(), request.maxWaitMs());
    }

    private FetchPlan plan(FetchRequest request, boolean byId) {
        List<FetchPlan.Topic> topics = new ArrayList<>(request.topics().size());
        for (FetchTopic topic : request.topics()) {
            List<FetchPlan.Wanted> wanted = new ArrayList<>(topic.partitions().size());
            for (FetchPartition p : topic.partitions()) {
                Optional<Partition> partition = byId ? partitions.get(topic.topicId(), p.partition()) : partitions.get(topic.topic(), p.partition());
                Errors missing = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                wanted.add(new FetchPlan.Wanted(p.partition(), partition.orElse(null), partition.isPresent() ? Errors.NONE : missing,
                        p.fetchOffset(), p.partitionMaxBytes(), p.currentLeaderEpoch()));
            }
            topics.add(new FetchPlan.Topic(topic.topic(), topic.topicId(), wanted));
        }
        return new FetchPlan(topics, request.maxBytes(), request.isolationLevel() == READ_COMMITTED, byId);
    }
}
