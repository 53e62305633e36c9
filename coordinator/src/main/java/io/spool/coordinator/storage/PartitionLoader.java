package io.spool.coordinator.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spool.log.Log;
import io.spool.wire.protocol.FileSliceRecords;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.RecordBatches;
import io.spool.wire.records.RecordReader;
import io.spool.wire.records.RecordView;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * Replays a partition of {@code __consumer_offsets} from its log start to its log end, reading
 * whole batches {@code offsets.load.buffer.size} bytes at a time. Runs off the event loop.
 *
 * <p>Transactional batches (offsets committed inside transactions) and control batches are
 * skipped: nothing here writes them until transactions arrive. A record that cannot be decoded
 * is logged and skipped rather than failing the whole partition.
 */
public final class PartitionLoader {
    private static final System.Logger LOG = System.getLogger(PartitionLoader.class.getName());

    private final ByteBufAllocator allocator;
    private final int bufferSize;

    public PartitionLoader(ByteBufAllocator allocator, int bufferSize) {
        this.allocator = allocator;
        this.bufferSize = bufferSize;
    }

    public LoadedPartition load(Log log) {
        LoadedPartition loaded = new LoadedPartition();
        long end = log.logEndOffset();
        long offset = log.logStartOffset();
        ByteBuf buffer = allocator.heapBuffer(Math.min(bufferSize, 64 * 1024));
        int decompressionLimit = RecordReader.decompressionLimitFor(log.config().maxMessageBytes());
        try (RecordReader reader = new RecordReader(allocator, decompressionLimit)) {
            RecordBatches batches = new RecordBatches(buffer);
            while (offset < end) {
                FileSliceRecords slice = log.read(offset, bufferSize, end);
                if (slice.size() == 0) {
                    break;
                }
                readFully(slice, buffer);
                batches.reset(buffer);
                while (batches.next()) {
                    RecordBatch batch = batches.batch();
                    if (batch.lastOffset() >= offset && !batch.isControl() && !batch.isTransactional()) {
                        replay(batch, reader, offset, loaded, log);
                    }
                    offset = Math.max(offset, batch.lastOffset() + 1);
                }
            }
        } finally {
            buffer.release();
        }
        return loaded;
    }

    private static void replay(RecordBatch batch, RecordReader reader, long from, LoadedPartition loaded, Log log) {
        reader.open(batch);
        while (reader.next()) {
            RecordView record = reader.record();
            if (record.offset() < from || !record.hasKey()) {
                continue;
            }
            try {
                CoordinatorRecord decoded = RecordSerde.decode(record.key(), record.hasValue() ? record.value() : null);
                if (decoded != null) {
                    loaded.apply(decoded);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Skipping undecodable record at offset " + record.offset() + " of "
                        + log.topicPartition() + ": " + e.getMessage());
            }
        }
    }

    private static void readFully(FileSliceRecords slice, ByteBuf buffer) {
        buffer.clear();
        buffer.ensureWritable(slice.size());
        ByteBuffer target = buffer.nioBuffer(0, slice.size());
        long position = slice.position();
        try {
            while (target.hasRemaining()) {
                int n = slice.channel().read(target, position);
                if (n < 0) {
                    throw new EOFException("log ended " + target.remaining() + " bytes short of its read slice");
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.writerIndex(slice.size());
    }
}
