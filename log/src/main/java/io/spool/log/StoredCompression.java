package io.spool.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.wire.records.BatchRewriter;
import io.spool.wire.records.CompressionType;
import io.spool.wire.records.CorruptRecordException;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.RecordReader;

/**
 * A topic's {@code compression.type} at leader append: batches already in the topic's codec (or
 * any codec under {@code producer}) are stored as sent; otherwise each batch is re-encoded into the
 * topic's codec at its {@code compression.<codec>.level}, keeping every header field but the codec
 * and every record's deltas, key, value and headers. A level change alone never re-encodes, as in
 * Kafka. Followers store their leader's bytes and never come here.
 *
 * <p>The copy is the one place an append copies record bytes. It goes to a pooled buffer whose
 * capacity is capped by {@code max.message.bytes} per batch and by {@code segment.bytes}, so a
 * batch that grows past what the topic accepts (a well-compressed batch stored uncompressed) is
 * MESSAGE_TOO_LARGE without first being held whole.
 */
final class StoredCompression {
    private StoredCompression() {
    }

    /**
     * The batches of {@code records} (already validated) in the topic's codec, as a new pooled
     * buffer the caller releases; null when every batch may be stored as sent.
     *
     * @throws LogException MESSAGE_TOO_LARGE when a re-encoded batch exceeds {@code max.message.bytes}
     *     or the batches together exceed {@code segment.bytes}
     */
    static ByteBuf reencode(ByteBuf records, int batchCount, LogConfig config) {
        CompressionType target = config.storedCompression();
        if (target == null || allIn(records, batchCount, target)) {
            return null;
        }
        int maxBatch = config.maxMessageBytes();
        int capacity = (int) Math.min((long) batchCount * maxBatch, config.segmentBytes());
        ByteBuf out = ByteBufAllocator.DEFAULT.directBuffer(Math.min(records.readableBytes(), capacity), capacity);
        try (RecordReader reader = new RecordReader(ByteBufAllocator.DEFAULT, RecordReader.decompressionLimitFor(maxBatch));
             BatchRewriter rewriter = new BatchRewriter(ByteBufAllocator.DEFAULT)) {
            int level = config.compressionLevel(target);
            RecordBatch batch = RecordBatch.at(records, records.readerIndex());
            int index = records.readerIndex();
            for (int i = 0; i < batchCount; i++, index += batch.sizeInBytes()) {
                batch.wrap(records, index);
                int start = out.writerIndex();
                if (batch.compressionType() == target) {
                    out.writeBytes(records, index, batch.sizeInBytes());
                    continue;
                }
                reader.open(batch);
                rewriter.startRecompressed(batch, out, target, level);
                while (reader.next()) {
                    rewriter.append(reader.record());
                }
                rewriter.finish();
                int size = out.writerIndex() - start;
                if (size > maxBatch) {
                    throw new LogException(LogError.MESSAGE_TOO_LARGE, "batch stored as " + target + " takes " + size
                            + " bytes, more than max.message.bytes " + maxBatch);
                }
            }
            return out;
        } catch (IndexOutOfBoundsException e) {
            out.release();
            throw new LogException(LogError.MESSAGE_TOO_LARGE, "records stored as " + target + " exceed the "
                    + capacity + " bytes that max.message.bytes " + maxBatch + " per batch and segment.bytes "
                    + config.segmentBytes() + " allow", e);
        } catch (CorruptRecordException e) {
            out.release();
            throw new LogException(LogError.CORRUPT_MESSAGE, e.getMessage(), e);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static boolean allIn(ByteBuf records, int batchCount, CompressionType target) {
        RecordBatch batch = RecordBatch.at(records, records.readerIndex());
        int index = records.readerIndex();
        for (int i = 0; i < batchCount; i++, index += batch.sizeInBytes()) {
            batch.wrap(records, index);
            if (batch.compressionType() != target) {
                return false;
            }
        }
        return true;
    }
}
