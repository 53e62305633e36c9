package io.spool.broker.api.topics;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.cluster.ClusterMetadata;
import io.spool.log.TopicPartition;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.zk.ZkMetadataStore;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.ElectLeadersRequest;
import io.spool.wire.message.ElectLeadersResponse;
import io.spool.wire.message.ElectLeadersResponse.PartitionResult;
import io.spool.wire.message.ElectLeadersResponse.ReplicaElectionResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * ElectLeaders v0-2 (v1 adds the election type and a top-level error, v2 is flexible). Preferred
 * election: each partition whose preferred replica (the first of its assignment) is alive, in sync
 * and not leading is handed to the controller through ZooKeeper, and the answer waits (up to the
 * request's timeout) until this broker's image shows the preferred replica leading, else
 * REQUEST_TIMED_OUT. A partition already led by its preferred replica is ELECTION_NOT_NEEDED; one
 * whose preferred replica is dead or out of sync PREFERRED_LEADER_NOT_AVAILABLE; unknown ones
 * UNKNOWN_TOPIC_OR_PARTITION. Null topics mean every partition, and the answer then lists only the
 * partitions elected. Unclean election on demand is not offered: partitions with a leader are
 * ELECTION_NOT_NEEDED, the others ELIGIBLE_LEADERS_NOT_AVAILABLE (the topic's
 * unclean.leader.election.enable lets the controller elect unclean leaders on its own).
 */
public final class ElectLeadersHandler implements ApiHandler<ElectLeadersRequest> {
    private static final byte PREFERRED = 0;

    private final ClusterMetadata cluster;
    private final ZkMetadataStore store;
    private final Executor blocking;

    public ElectLeadersHandler(ClusterMetadata cluster, ZkMetadataStore store, Executor blocking) {
        this.cluster = cluster;
        this.store = store;
        this.blocking = blocking;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ELECT_LEADERS;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(0, 2);
    }

    @Override
    public CompletableFuture<ElectLeadersResponse> handle(RequestContext context, ElectLeadersRequest request) {
        ClusterImage image = cluster.image();
        boolean preferred = context.version() == 0 || request.electionType() == PREFERRED;
        boolean all = request.topicPartitions() == null;
        Map<Key, PartitionResult> results = new LinkedHashMap<>();
        List<TopicPartition> toElect = new ArrayList<>();
        for (Key key : requested(request, image)) {
            PartitionInfo p = image.partition(key.topic(), key.partition()).orElse(null);
            PartitionResult r = new PartitionResult().setPartitionId(key.partition());
            if (p == null) {
                fail(r, Errors.UNKNOWN_TOPIC_OR_PARTITION, "Partition " + key.topic() + "-" + key.partition() + " does not exist");
                results.put(key, r);
                continue;
            }
            TopicPartition tp = p.topicPartition();
            if (!preferred) {
                if (p.state().isPresent() && p.state().get().hasLeader()) {
                    fail(r, Errors.ELECTION_NOT_NEEDED, "Partition " + tp + " has a leader");
                } else {
                    fail(r, Errors.ELIGIBLE_LEADERS_NOT_AVAILABLE, "Unclean election on demand is not supported; "
                            + "set unclean.leader.election.enable=true on the topic");
                }
            } else {
                int preferredReplica = p.replicas().get(0);
                boolean inSync = p.state().map(s -> s.isr().contains(preferredReplica)).orElse(false);
                if (p.leader() == preferredReplica) {
                    fail(r, Errors.ELECTION_NOT_NEEDED, "Leader is already the preferred replica " + preferredReplica);
                } else if (!image.isAlive(preferredReplica) || !inSync) {
                    fail(r, Errors.PREFERRED_LEADER_NOT_AVAILABLE, "Preferred replica " + preferredReplica + " is not alive and in sync");
                } else {
                    toElect.add(tp);
                }
            }
            if (!all || toElect.contains(tp)) {
                results.put(key, r);
            }
        }
        if (toElect.isEmpty()) {
            return CompletableFuture.completedFuture(response(results));
        }
        int timeoutMs = Math.max(0, request.timeoutMs());
        return CompletableFuture.runAsync(() -> store.requestPreferredElection(toElect), blocking)
                .thenCompose(ignored -> cluster.cache().when(i -> toElect.stream().allMatch(tp -> ledByPreferred(i, tp)))
                        .completeOnTimeout(null, timeoutMs, TimeUnit.MILLISECONDS))
                .thenApply(ignored -> {
                    ClusterImage after = cluster.image();
                    for (TopicPartition tp : toElect) {
                        if (!ledByPreferred(after, tp)) {
                            fail(results.get(new Key(tp.topic(), tp.partition())), Errors.REQUEST_TIMED_OUT, "The preferred replica did not take over within " + timeoutMs + " ms");
                        }
                    }
                    return response(results);
                });
    }

    private static boolean ledByPreferred(ClusterImage image, TopicPartition tp) {
        return image.partition(tp.topic(), tp.partition()).map(p -> p.leader() == p.replicas().get(0)).orElse(false);
    }

    /** A requested partition as named (the index may be invalid). */
    private record Key(String topic, int partition) {
    }

    private static List<Key> requested(ElectLeadersRequest request, ClusterImage image) {
        List<Key> result = new ArrayList<>();
        if (request.topicPartitions() == null) {
            for (TopicInfo t : image.topics().values()) {
                t.partitions().forEach(p -> result.add(new Key(t.name(), p.topicPartition().partition())));
            }
            return result;
        }
        for (ElectLeadersRequest.TopicPartitions t : request.topicPartitions()) {
            for (int p : t.partitions()) {
                result.add(new Key(t.topic(), p));
            }
        }
        return result;
    }

    private static ElectLeadersResponse response(Map<Key, PartitionResult> results) {
        Map<String, ReplicaElectionResult> byTopic = new LinkedHashMap<>();
        results.forEach((tp, r) -> byTopic.computeIfAbsent(tp.topic(), t -> new ReplicaElectionResult().setTopic(t)
                .setPartitionResult(new ArrayList<>())).partitionResult().add(r));
        return new ElectLeadersResponse().setErrorCode(Errors.NONE.code()).setReplicaElectionResults(new ArrayList<>(byTopic.values()));
    }

    private static void fail(PartitionResult r, Errors error, String message) {
        r.setErrorCode(error.code()).setErrorMessage(message);
    }
}
