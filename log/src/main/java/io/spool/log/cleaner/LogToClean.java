package io.spool.log.cleaner;

import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.log.segment.LogSegment;

import java.io.IOException;
import java.util.List;

/**
 * How dirty a compacted log is: the records from {@code firstDirtyOffset} on were written since
 * the last compaction; those before {@code firstUncleanableOffset} may be compacted now. The
 * uncleanable part starts at the first segment that is active, holds offsets at or past the high
 * watermark, or is younger than {@code min.compaction.lag.ms}, so compaction works on whole
 * segments only.
 *
 * @param truncations the log's {@link Log#truncations()} before its segments were listed
 * @param segments the log's segments when this was taken, the active one last
 * @param cleanBytes bytes of the segments wholly below the first dirty offset
 * @param dirtyBytes bytes of the segments from the one holding the first dirty offset to the uncleanable part
 * @param compactionDue whether a dirty record is older than {@code max.compaction.lag.ms}
 */
record LogToClean(Log log, long truncations, List<LogSegment> segments, long firstDirtyOffset,
                  long firstUncleanableOffset, long cleanBytes, long dirtyBytes, boolean compactionDue) {

    /**
     * Measures {@code log} from the offset compaction last reached ({@code checkpoint}, null if
     * none). A checkpoint outside the log (below its start after retention, above its end after
     * a truncation) starts over from the log start, as Kafka does.
     */
    static LogToClean of(Log log, Long checkpoint, long nowMs) throws IOException {
        LogConfig config = log.config();
        long truncations = log.truncations();
        List<LogSegment> segments = log.segments();
        long logStart = log.logStartOffset();
        long firstDirty = checkpoint == null || checkpoint < logStart || checkpoint > log.logEndOffset() ? logStart : checkpoint;
        long highWatermark = log.highWatermark();
        long minLag = config.minCompactionLagMs();
        int active = segments.size() - 1;
        long uncleanable = segments.get(active).baseOffset();
        long clean = 0;
        long dirty = 0;
        long earliestDirtyTimestamp = Long.MAX_VALUE;
        for (int i = 0; i < active; i++) {
            LogSegment segment = segments.get(i);
            long end = segments.get(i + 1).baseOffset();
            if (end <= firstDirty) {
                clean += segment.size();
                continue;
            }
            if (segment.firstBatchTimestamp() > 0) {
                earliestDirtyTimestamp = Math.min(earliestDirtyTimestamp, segment.firstBatchTimestamp());
            }
            if (segment.baseOffset() >= uncleanable) {
                continue;
            }
            boolean tooYoung = minLag > 0 && segment.largestTimestamp() > nowMs - minLag;
            if (end > highWatermark || tooYoung) {
                uncleanable = segment.baseOffset();
            } else {
                dirty += segment.size();
            }
        }
        boolean due = earliestDirtyTimestamp < nowMs - config.maxCompactionLagMs();
        return new LogToClean(log, truncations, segments, firstDirty, Math.max(firstDirty, uncleanable), clean, dirty, due);
    }

    /** Dirty bytes over all cleanable bytes, what {@code min.cleanable.dirty.ratio} is compared with. */
    double dirtyRatio() {
        long total = cleanBytes + dirtyBytes;
        return total == 0 ? 0 : (double) dirtyBytes / total;
    }

    /** Whether compaction should run now: dirty enough, or dirty records waited past {@code max.compaction.lag.ms}. */
    boolean cleanable() {
        return dirtyBytes > 0 && (compactionDue || dirtyRatio() > log.config().minCleanableDirtyRatio());
    }
}
