package io.spool.log.cleaner;

import io.spool.log.segment.LogSegment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the segments to compact into runs that each become one segment, so small compacted
 * segments merge: consecutive segments while their bytes add up to at most {@code segment.bytes}
 * and their offsets stay within 2^31 of the run's base (what a segment's indexes can address).
 * A segment larger than that on its own forms its own run.
 */
final class SegmentGroups {
    private SegmentGroups() {
    }

    /**
     * @param segments the log's segments, oldest first, the active one last
     * @param count how many leading segments to group (never the active one)
     */
    static List<List<LogSegment>> of(List<LogSegment> segments, int count, int maxBytes) {
        if (count >= segments.size()) {
            throw new IllegalArgumentException("the active segment is never compacted");
        }
        List<List<LogSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i < count) {
            long base = segments.get(i).baseOffset();
            long bytes = segments.get(i).size();
            int end = i + 1;
            while (end < count && bytes + segments.get(end).size() <= maxBytes
                    && segments.get(end + 1).baseOffset() - 1 - base <= Integer.MAX_VALUE) {
                bytes += segments.get(end).size();
                end++;
            }
            groups.add(List.copyOf(segments.subList(i, end)));
            i = end;
        }
        return groups;
    }
}
