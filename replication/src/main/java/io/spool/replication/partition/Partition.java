package io.spool.replication.partition;

import io.netty.buffer.ByteBuf;
import io.spool.log.AppendResult;
import io.spool.log.Log;
import io.spool.log.TopicPartition;
import io.spool.log.epoch.EpochEntry;
import io.spool.log.time.Time;
import io.spool.replication.cluster.IsrUpdater;
import io.spool.replication.cluster.PartitionState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One hosted replica of a topic partition, leader or follower as the cluster image says.
 *
 * <p>As leader it stamps appends with its leader epoch, tracks each follower's log end from its
 * fetches, moves the high watermark to the smallest log end in the ISR (never backwards), asks
 * the {@link IsrUpdater} to drop followers that have not caught up for {@code replica.lag.time.max.ms}
 * and to take back those that reached the high watermark in this epoch, and completes acks=all
 * waiters when the high watermark passes them. As follower it takes batches from its fetcher
 * and truncates where its history diverged from the leader's.
 *
 * <p>Locking: role changes hold the write lock; appends the read lock (so an append never
 * straddles a role change; the log serializes appends itself); follower positions, the ISR and
 * the high watermark are guarded by this object's monitor, taken inside the read/write lock.
 */
public final class Partition {
    private static final System.Logger LOG = System.getLogger(Partition.class.getName());

    private final TopicPartition topicPartition;
    private final UUID topicId;
    private final Log log;
    private final int brokerId;
    private final long lagTimeMaxMs;
    private final Time time;
    private final IsrUpdater isrUpdater;
    private final PartitionListener listener;
    private final ReentrantReadWriteLock roleLock = new ReentrantReadWriteLock();
    private final PendingCommits pendingCommits = new PendingCommits();

    private volatile int leaderId = PartitionState.NO_LEADER;
    private volatile int leaderEpoch = -1;
    private volatile List<Integer> replicas = List.of();
    private volatile List<Integer> isr = List.of();
    private volatile boolean deleted;
    // Guarded by this.
    private PartitionState state;
    private final Map<Integer, FollowerState> followers = new HashMap<>();
    private List<Integer> isrInFlight;
    private long leaderEpochStartOffset;

    public Partition(TopicPartition topicPartition, UUID topicId, Log log, int brokerId, long lagTimeMaxMs, Time time,
                     IsrUpdater isrUpdater, PartitionListener listener) {
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.log = log;
        this.brokerId = brokerId;
        this.lagTimeMaxMs = lagTimeMaxMs;
        this.time = time;
        this.isrUpdater = isrUpdater;
        this.listener = listener;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int index() {
        return topicPartition.partition();
    }

    public UUID topicId() {
        return topicId;
    }

    public Log log() {
        return log;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    /** The current leader's id, or {@link PartitionState#NO_LEADER}. */
    public int leaderId() {
        return leaderId;
    }

    public boolean isLeader() {
        return leaderId == brokerId && !deleted;
    }

    public List<Integer> replicas() {
        return replicas;
    }

    public List<Integer> isr() {
        return isr;
    }

    public boolean isReplica(int replicaId) {
        return replicas.contains(replicaId);
    }

    /** Whether the partition was deleted or moved away; a request that looked it up earlier must not serve it. */
    public boolean deleted() {
        return deleted;
    }

    public long highWatermark() {
        return log.highWatermark();
    }

    /**
     * Becomes (or stays) leader as {@code newState} says. A newer leader epoch starts a new term:
     * the epoch is recorded at the log end, follower positions are forgotten (ISR members get a
     * full lag time to fetch again). The same epoch only refreshes replicas and a newer stored ISR.
     *
     * @return whether this made the partition leader of a new epoch
     */
    public boolean makeLeader(PartitionState newState, List<Integer> newReplicas) {
        boolean becameLeader;
        roleLock.writeLock().lock();
        try {
            synchronized (this) {
                if (newState.leaderEpoch() < leaderEpoch || deleted) {
                    return false;
                }
                replicas = List.copyOf(newReplicas);
                becameLeader = newState.leaderEpoch() > leaderEpoch || leaderId != brokerId;
                if (!becameLeader) {
                    refreshState(newState);
                } else {
                    leaderId = brokerId;
                    leaderEpoch = newState.leaderEpoch();
                    state = newState;
                    isr = newState.isr();
                    isrInFlight = null;
                    leaderEpochStartOffset = log.logEndOffset();
                    log.leaderEpochs().assign(leaderEpoch, leaderEpochStartOffset);
                    long now = time.milliseconds();
                    followers.clear();
                    for (int replica : newReplicas) {
                        if (replica != brokerId) {
                            followers.put(replica, new FollowerState(isr.contains(replica) ? now : 0));
                        }
                    }
                    LOG.log(System.Logger.Level.INFO, "{0}: leader in epoch {1} from offset {2}, ISR {3}", topicPartition, leaderEpoch,
                            leaderEpochStartOffset, isr);
                }
            }
        } finally {
            roleLock.writeLock().unlock();
        }
        if (becameLeader) {
            listener.leadershipChanged(this, true);
        }
        maybeAdvanceHighWatermark();
        return becameLeader;
    }

    /**
     * Becomes (or stays) a follower of {@code newState}'s leader. Waiting acks=all produces fail with
     * NOT_LEADER_OR_FOLLOWER; the log is left as it is (the fetcher truncates what diverged).
     *
     * @return whether the leader or epoch changed, so the fetcher must (re)start from the new leader
     */
    public boolean makeFollower(PartitionState newState, List<Integer> newReplicas) {
        boolean wasLeader;
        roleLock.writeLock().lock();
        try {
            synchronized (this) {
                if (newState.leaderEpoch() < leaderEpoch || deleted) {
                    return false;
                }
                replicas = List.copyOf(newReplicas);
                if (newState.leaderEpoch() == leaderEpoch && newState.leader() == leaderId) {
                    refreshState(newState);
                    return false;
                }
                wasLeader = leaderId == brokerId;
                leaderId = newState.leader();
                leaderEpoch = newState.leaderEpoch();
                state = newState;
                isr = newState.isr();
                isrInFlight = null;
                followers.clear();
                LOG.log(System.Logger.Level.INFO, "{0}: follower of {1} in epoch {2}", topicPartition, leaderId, leaderEpoch);
            }
        } finally {
            roleLock.writeLock().unlock();
        }
        pendingCommits.completeAll(ReplicaError.NOT_LEADER_OR_FOLLOWER);
        if (wasLeader) {
            listener.leadershipChanged(this, false);
        }
        return true;
    }

    /** Stops serving: the partition was deleted or no longer has a replica here. */
    public void markDeleted() {
        boolean wasLeader;
        roleLock.writeLock().lock();
        try {
            wasLeader = isLeader();
            deleted = true;
        } finally {
            roleLock.writeLock().unlock();
        }
        pendingCommits.completeAll(ReplicaError.NOT_LEADER_OR_FOLLOWER);
        if (wasLeader) {
            listener.leadershipChanged(this, false);
        }
    }

    private void refreshState(PartitionState newState) {
        if (state == null || newState.version() > state.version()) {
            state = newState;
            isr = newState.isr();
        }
    }

    /**
     * Appends client (or coordinator) batches as the leader, modified in place (offsets, epoch).
     * With {@code requiredAcks} -1 the ISR must hold at least min.insync.replicas first.
     *
     * @throws ReplicaException NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS
     * @throws io.spool.log.errors.LogException when the log refuses the batches
     */
    public AppendResult appendAsLeader(ByteBuf records, int requiredAcks) {
        AppendResult result;
        roleLock.readLock().lock();
        try {
            if (!isLeader()) {
                throw notLeader();
            }
            int minIsr = log.config().minInsyncReplicas();
            List<Integer> inSync = isr;
            if (requiredAcks == -1 && inSync.size() < minIsr) {
                throw new ReplicaException(ReplicaError.NOT_ENOUGH_REPLICAS, "The ISR " + inSync + " of " + topicPartition
                        + " is smaller than min.insync.replicas " + minIsr);
            }
            result = log.appendAsLeader(records, leaderEpoch);
        } finally {
            roleLock.readLock().unlock();
        }
        if (!result.duplicate() && result.lastOffset() >= 0) {
            listener.appended(this);
            maybeAdvanceHighWatermark();
        }
        return result;
    }

    /**
     * Completes when the high watermark passes {@code lastOffset}: NONE, or
     * NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR meanwhile shrank below min.insync.replicas,
     * NOT_LEADER_OR_FOLLOWER when leadership moves first, REQUEST_TIMED_OUT after {@code timeoutMs}.
     */
    public CompletableFuture<ReplicaError> awaitCommit(long lastOffset, long timeoutMs, ScheduledExecutorService scheduler) {
        CompletableFuture<ReplicaError> waiter = new CompletableFuture<>();
        pendingCommits.add(lastOffset, waiter);
        if (!isLeader()) {
            pendingCommits.completeAll(ReplicaError.NOT_LEADER_OR_FOLLOWER);
        } else {
            completeCommitted(); // the high watermark may have passed before the waiter was added
        }
        if (!waiter.isDone()) {
            ScheduledFuture<?> expiry = scheduler.schedule(() -> {
                pendingCommits.remove(lastOffset, waiter);
                waiter.complete(ReplicaError.REQUEST_TIMED_OUT);
            }, timeoutMs, TimeUnit.MILLISECONDS);
            waiter.whenComplete((outcome, e) -> expiry.cancel(false));
        }
        return waiter;
    }

    /** How many acks=all appends are waiting; for tests and metrics. */
    public int pendingCommits() {
        return pendingCommits.size();
    }

    /**
     * Notes a follower's fetch from {@code fetchOffset} (its log end) and answers whether the
     * fetcher is one of this partition's replicas. May move the high watermark and expand the ISR.
     *
     * @throws ReplicaException NOT_LEADER_OR_FOLLOWER when this broker no longer leads
     */
    public boolean followerFetched(int replicaId, long fetchOffset) {
        roleLock.readLock().lock();
        try {
            if (!isLeader()) {
                throw notLeader();
            }
            synchronized (this) {
                FollowerState follower = followers.get(replicaId);
                if (follower == null) {
                    return false;
                }
                follower.fetched(fetchOffset, log.logEndOffset(), time.milliseconds());
                if (isrInFlight == null && !isr.contains(replicaId) && fetchOffset >= log.highWatermark()
                        && fetchOffset >= leaderEpochStartOffset) {
                    List<Integer> expanded = new ArrayList<>(isr);
                    expanded.add(replicaId);
                    requestIsr(expanded);
                }
            }
        } finally {
            roleLock.readLock().unlock();
        }
        maybeAdvanceHighWatermark();
        return true;
    }

    /** Drops from the ISR the followers that have not caught up for replica.lag.time.max.ms; run periodically. */
    public void maybeShrinkIsr() {
        roleLock.readLock().lock();
        try {
            if (!isLeader()) {
                return;
            }
            synchronized (this) {
                if (isrInFlight != null) {
                    return;
                }
                long now = time.milliseconds();
                List<Integer> kept = new ArrayList<>(isr.size());
                for (int replica : isr) {
                    FollowerState f = followers.get(replica);
                    if (replica == brokerId || (f != null && now - f.lastCaughtUpMs() <= lagTimeMaxMs)) {
                        kept.add(replica);
                    }
                }
                if (kept.size() < isr.size()) {
                    LOG.log(System.Logger.Level.INFO, "{0}: shrinking ISR {1} to {2}: the others are more than {3} ms behind",
                            topicPartition, isr, kept, lagTimeMaxMs);
                    requestIsr(kept);
                }
            }
        } finally {
            roleLock.readLock().unlock();
        }
    }

    /** Asks for a new ISR; until the answer, the high watermark counts the larger of the two sets. Holds this. */
    private void requestIsr(List<Integer> newIsr) {
        Set<Integer> maximal = new LinkedHashSet<>(isr);
        maximal.addAll(newIsr);
        isrInFlight = List.copyOf(maximal);
        PartitionState sent = state;
        int epoch = leaderEpoch;
        CompletableFuture<Optional<PartitionState>> update;
        try {
            update = isrUpdater.updateIsr(topicPartition, sent, List.copyOf(newIsr));
        } catch (RuntimeException e) {
            update = CompletableFuture.failedFuture(e);
        }
        update.whenComplete((stored, failure) -> isrUpdated(epoch, stored, failure));
    }

    private void isrUpdated(int epoch, Optional<PartitionState> stored, Throwable failure) {
        synchronized (this) {
            if (epoch != leaderEpoch) {
                return; // a newer term has replaced the request
            }
            isrInFlight = null;
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, topicPartition + ": ISR update failed; will retry", failure);
            } else if (stored.isPresent() && stored.get().leaderEpoch() == leaderEpoch && isLeader()) {
                state = stored.get();
                isr = stored.get().isr();
                LOG.log(System.Logger.Level.INFO, "{0}: ISR is now {1}", topicPartition, isr);
            }
        }
        maybeAdvanceHighWatermark();
    }

    /** Moves the high watermark to the smallest log end in the (maximal) ISR if that is higher, then completes waiters. */
    void maybeAdvanceHighWatermark() {
        boolean moved = false;
        synchronized (this) {
            if (!isLeader()) {
                return;
            }
            long candidate = log.logEndOffset();
            for (int replica : isrInFlight != null ? isrInFlight : isr) {
                if (replica != brokerId) {
                    FollowerState f = followers.get(replica);
                    candidate = Math.min(candidate, f == null ? -1 : f.logEndOffset());
                }
            }
            if (candidate > log.highWatermark()) {
                log.setHighWatermark(candidate);
                moved = true;
            }
        }
        completeCommitted();
        if (moved) {
            listener.highWatermarkMoved(this);
        }
    }

    private void completeCommitted() {
        boolean enough = isr.size() >= log.config().minInsyncReplicas();
        pendingCommits.completeBelow(log.highWatermark(), enough ? ReplicaError.NONE : ReplicaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
    }

    /**
     * Where a follower whose last fetched batch has {@code lastFetchedEpoch} diverges from this
     * leader's history: the largest epoch not above it and that epoch's end here, when that epoch
     * differs or ends before {@code fetchOffset}; empty when the follower's log is a prefix of ours.
     */
    public Optional<EpochEntry> divergingEpoch(int lastFetchedEpoch, long fetchOffset) {
        if (lastFetchedEpoch < 0) {
            return Optional.empty();
        }
        EpochEntry end = log.leaderEpochs().endOffsetFor(lastFetchedEpoch, log.logEndOffset());
        if (end.epoch() < 0 || end.startOffset() < 0) {
            return Optional.empty();
        }
        return end.epoch() < lastFetchedEpoch || end.startOffset() < fetchOffset ? Optional.of(end) : Optional.empty();
    }

    /**
     * Appends batches fetched from the leader of {@code expectedEpoch} and takes its high
     * watermark (as far as this log reaches). Ignored (false) when the partition has since changed
     * role or epoch.
     */
    public boolean appendAsFollower(int expectedEpoch, ByteBuf records, long leaderHighWatermark) {
        roleLock.readLock().lock();
        try {
            if (!isFollowerIn(expectedEpoch)) {
                return false;
            }
            if (records.isReadable()) {
                log.appendAsFollower(records);
            }
            long hw = Math.min(leaderHighWatermark, log.logEndOffset());
            if (hw > log.highWatermark()) {
                log.setHighWatermark(hw);
            }
            return true;
        } finally {
            roleLock.readLock().unlock();
        }
    }

    /** Cuts the log at {@code offset} for the fetcher of {@code expectedEpoch}; false when the role changed meanwhile. */
    public boolean truncateAsFollower(int expectedEpoch, long offset) {
        roleLock.readLock().lock();
        try {
            if (!isFollowerIn(expectedEpoch)) {
                return false;
            }
            if (log.truncateTo(offset)) {
                LOG.log(System.Logger.Level.INFO, "{0}: truncated to {1} (log end now {2})", topicPartition, offset, log.logEndOffset());
            }
            return true;
        } finally {
            roleLock.readLock().unlock();
        }
    }

    private boolean isFollowerIn(int epoch) {
        return !deleted && leaderId != brokerId && leaderEpoch == epoch;
    }

    private ReplicaException notLeader() {
        return new ReplicaException(ReplicaError.NOT_LEADER_OR_FOLLOWER, "Broker " + brokerId + " is not the leader of "
                + topicPartition + (deleted ? " (no longer hosted)" : "; the leader is " + leaderId));
    }

    @Override
    public String toString() {
        return topicPartition.toString();
    }
}
