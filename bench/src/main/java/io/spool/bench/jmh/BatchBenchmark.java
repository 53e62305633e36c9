package io.spool.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.spool.wire.records.BatchValidator;
import io.spool.wire.records.CompressionType;
import io.spool.wire.records.RecordBatch;
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

import java.util.concurrent.TimeUnit;

/**
 * What the broker does to every batch a producer sends: the CRC32C over the batch, and the full
 * validation (CRC, then every record parsed, decompressing first when the batch is compressed).
 * One batch of 16 x 1 KiB JSON-like records, as a producer's default 16 KiB batch.size makes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchBenchmark {
    private static final int MAX_DECOMPRESSED_BYTES = 1 << 20;

    @Param({"NONE", "LZ4", "ZSTD"})
    public CompressionType compression;

    private ByteBuf batch;
    private RecordBatch view;
    private BatchValidator validator;

    @Setup
    public void setUp() {
        batch = Batches.build(PooledByteBufAllocator.DEFAULT, compression, 16, 1024);
        view = RecordBatch.at(batch, 0);
        validator = new BatchValidator(PooledByteBufAllocator.DEFAULT, MAX_DECOMPRESSED_BYTES);
    }

    @TearDown
    public void tearDown() {
        validator.close();
        batch.release();
    }

    @Benchmark
    public long crc32c() {
        return view.computeCrc();
    }

    @Benchmark
    public long validate() {
        validator.validate(view);
        return validator.maxTimestamp();
    }
}
