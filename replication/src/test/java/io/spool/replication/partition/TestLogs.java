package io.spool.replication.partition;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spool.log.Log;
import io.spool.log.LogConfig;
import io.spool.log.TopicPartition;
import io.spool.log.time.Time;
import io.spool.wire.records.CompressionType;
import io.spool.wire.records.RecordBatchBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** Logs in temp dirs and record batches for replication tests. */
public final class TestLogs {
    private TestLogs() {
    }

    public static Log open(Path dir, TopicPartition tp, Map<String, String> overrides, Time time, ScheduledExecutorService scheduler)
            throws IOException {
        LogConfig config = LogConfig.defaults().withOverrides(overrides);
        return Log.open(dir.resolve(tp.topic() + "-" + tp.partition()), tp, config, 0, 0, true, 3_600_000, time, scheduler);
    }

    /** One uncompressed batch of {@code count} records whose values start with {@code prefix}. */
    public static ByteBuf batch(String prefix, int count) {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(ByteBufAllocator.DEFAULT, CompressionType.NONE)) {
            for (int i = 0; i < count; i++) {
                builder.append(1_000L + i, Unpooled.wrappedBuffer(("k" + i).getBytes(StandardCharsets.UTF_8)),
                        Unpooled.wrappedBuffer((prefix + i).getBytes(StandardCharsets.UTF_8)));
            }
            return builder.build();
        }
    }
}
