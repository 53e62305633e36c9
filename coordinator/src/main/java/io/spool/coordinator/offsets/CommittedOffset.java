package io.spool.coordinator.offsets;

import io.spool.coordinator.records.OffsetCommitValue;

/**
 * A committed offset as stored.
 *
 * @param leaderEpoch the epoch of the last consumed record, or -1
 * @param expireTimestampMs when an old client's explicit retention time runs out, or -1 (the
 *     broker's {@code offsets.retention.minutes} applies)
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs,
                              long expireTimestampMs) {
    public static final long NO_EXPIRY = -1L;

    static CommittedOffset fromRecord(OffsetCommitValue value) {
        return new CommittedOffset(value.offset(), value.leaderEpoch(), value.metadata(), value.commitTimestamp(),
                value.expireTimestamp());
    }

    OffsetCommitValue toRecord() {
        return new OffsetCommitValue().setOffset(offset).setLeaderEpoch(leaderEpoch).setMetadata(metadata)
                .setCommitTimestamp(commitTimestampMs).setExpireTimestamp(expireTimestampMs);
    }
}
