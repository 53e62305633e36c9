package io.spool.replication.partition;

/**
 * What a leader knows of one follower: the log end it reported by its last fetch (-1 before its
 * first fetch in this leader epoch) and when it was last caught up. A follower fetching from the
 * log end is caught up now; one fetching from at least the log end of its previous fetch was
 * caught up at that previous fetch (it read everything there was then). Guarded by its partition.
 */
final class FollowerState {
    private long logEndOffset = -1;
    private long lastCaughtUpMs;
    private long lastFetchMs;
    private long leaderEndAtLastFetch = -1;

    FollowerState(long lastCaughtUpMs) {
        this.lastCaughtUpMs = lastCaughtUpMs;
    }

    void fetched(long fetchOffset, long leaderEnd, long nowMs) {
        if (fetchOffset >= leaderEnd) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, nowMs);
        } else if (leaderEndAtLastFetch >= 0 && fetchOffset >= leaderEndAtLastFetch) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, lastFetchMs);
        }
        logEndOffset = fetchOffset;
        leaderEndAtLastFetch = leaderEnd;
        lastFetchMs = nowMs;
    }

    long logEndOffset() {
        return logEndOffset;
    }

    long lastCaughtUpMs() {
        return lastCaughtUpMs;
    }
}
