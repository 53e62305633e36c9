package io.spool.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spool.wire.records.CompressionType;
import io.spool.wire.records.RecordBatchBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic record batches for the benchmarks, with JSON-like values that compress as real traffic does. */
final class Batches {
    private static final long SEED = 42;
    private static final long TIMESTAMP = 1_710_000_000_000L;

    private Batches() {
    }

    /** One v2 batch of {@code records} values of {@code valueSize} bytes; the caller releases it. */
    static ByteBuf build(ByteBufAllocator allocator, CompressionType compression, int records, int valueSize) {
        Random random = new Random(SEED);
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, compression)) {
            for (int i = 0; i < records; i++) {
                ByteBuf value = Unpooled.wrappedBuffer(jsonValue(random, valueSize));
                builder.append(TIMESTAMP + i, null, value);
            }
            return builder.build();
        }
    }

    private static byte[] jsonValue(Random random, int size) {
        StringBuilder json = new StringBuilder(size + 64);
        while (json.length() < size) {
            int user = random.nextInt(1_000_000);
            json.append("{\"user\":").append(user).append(",\"email\":\"user").append(user)
                    .append("@example.com\",\"page\":\"/products/").append(random.nextInt(10_000))
                    .append("\",\"ms\":").append(random.nextInt(2_000)).append('}');
        }
        return json.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
