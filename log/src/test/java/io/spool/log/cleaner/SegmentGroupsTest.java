package io.spool.log.cleaner;

import io.spool.log.segment.LogSegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.spool.log.cleaner.Compaction.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SegmentGroupsTest {
    @TempDir
    Path dir;
    final List<LogSegment> opened = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (LogSegment segment : opened) {
            segment.close();
        }
    }

    LogSegment segment(long base, int batches) throws IOException {
        LogSegment segment = LogSegment.open(dir, base, 4096, 1024, 0L);
        opened.add(segment);
        for (int i = 0; i < batches; i++) {
            var bytes = batch(0L, "k", "v");
            bytes.setLong(0, base + i);
            segment.append(bytes);
        }
        return segment;
    }

    static List<List<Long>> bases(List<List<LogSegment>> groups) {
        return groups.stream().map(g -> g.stream().map(LogSegment::baseOffset).toList()).toList();
    }

    @Test
    void consecutiveSegmentsMergeUpToSegmentBytes() throws IOException {
        List<LogSegment> segments = new ArrayList<>();
        segments.add(segment(0, 1));
        segments.add(segment(10, 1));
        segments.add(segment(20, 3));
        segments.add(segment(30, 1));
        segments.add(segment(40, 1));
        segments.add(segment(50, 0)); // the active one
        int one = segments.get(0).size();
        assertEquals(List.of(List.of(0L, 10L), List.of(20L), List.of(30L, 40L)), bases(SegmentGroups.of(segments, 5, 2 * one)));
        assertEquals(List.of(List.of(0L, 10L, 20L, 30L, 40L)), bases(SegmentGroups.of(segments, 5, 100 * one)));
        assertEquals(List.of(List.of(0L), List.of(10L), List.of(20L)), bases(SegmentGroups.of(segments, 3, one)),
                "a segment larger than the limit is a run of its own");
        assertEquals(List.of(), SegmentGroups.of(segments, 0, one));
        assertThrows(IllegalArgumentException.class, () -> SegmentGroups.of(segments, 6, one));
    }

    @Test
    void aRunSpansAtMost2To31Offsets() throws IOException {
        long far = Integer.MAX_VALUE + 50L;
        // 0 and 100 would span up to far - 1, past 2^31; 100 and far span up to far + 9, within it.
        List<LogSegment> segments = List.of(segment(0, 1), segment(100, 1), segment(far, 1), segment(far + 10, 0));
        assertEquals(List.of(List.of(0L), List.of(100L, far)), bases(SegmentGroups.of(segments, 3, Integer.MAX_VALUE)));
    }
}
