package io.spool.bench.jmh;

import io.spool.log.index.OffsetIndex;
import io.spool.log.index.OffsetPosition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Offset-index lookups, the first step of every fetch. The index is as full as a 1 GiB segment of
 * 1 KiB records makes it with Kafka's default index.interval.bytes (one entry per 4 KiB: 262,144
 * entries), or a small one. Targets are random over the whole segment (a consumer catching up) or
 * within its last 1% (consumers at the tail, the common case).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OffsetIndexBenchmark {
    private static final int RECORDS_PER_ENTRY = 4;
    private static final int BYTES_PER_ENTRY = 4096;
    private static final int TARGETS = 1 << 16;
    private static final long BASE_OFFSET = 1_000_000_000L;

    @Param({"1024", "262144"})
    public int entries;

    private Path dir;
    private OffsetIndex index;
    private final long[] anywhere = new long[TARGETS];
    private final long[] tail = new long[TARGETS];
    private int next;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("spool-index-bench");
        index = new OffsetIndex(dir.resolve("00000000001000000000.index"), BASE_OFFSET,
                entries * OffsetIndex.ENTRY_SIZE);
        for (int i = 0; i < entries; i++) {
            // Each entry names the last offset of a batch and the position where that batch starts.
            index.append(BASE_OFFSET + (long) i * RECORDS_PER_ENTRY + RECORDS_PER_ENTRY - 1, i * BYTES_PER_ENTRY);
        }
        long records = (long) entries * RECORDS_PER_ENTRY;
        long tailStart = records - Math.max(1, records / 100);
        Random random = new Random(7);
        for (int i = 0; i < TARGETS; i++) {
            anywhere[i] = BASE_OFFSET + (long) (random.nextDouble() * records);
            tail[i] = BASE_OFFSET + tailStart + (long) (random.nextDouble() * (records - tailStart));
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        index.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public OffsetPosition lookupAnywhere() {
        return index.lookup(anywhere[next++ & (TARGETS - 1)]);
    }

    @Benchmark
    public OffsetPosition lookupTail() {
        return index.lookup(tail[next++ & (TARGETS - 1)]);
    }
}
