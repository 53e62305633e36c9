package io.spool.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.wire.records.BatchValidator;
import io.spool.wire.records.CorruptRecordException;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.RecordBatches;
import io.spool.wire.records.RecordReader;
import io.spool.wire.records.TimestampType;

/**
 * The checks an append makes before it touches the log, each failing with the Kafka error a
 * produce response carries. Batches are read in place; compressed ones are decompressed only as
 * a stream to check their records.
 */
final class AppendValidator {
    private AppendValidator() {
    }

    /**
     * Checks that the buffer is a sequence of whole magic v2 batches with good CRCs (what a
     * follower's append needs).
     *
     * @return the number of batches
     */
    static int validateFraming(ByteBuf records) {
        int count = 0;
        RecordBatches batches = new RecordBatches(records);
        while (nextBatch(batches, records)) {
            if (!batches.batch().isValid()) {
                throw new LogException(LogError.CORRUPT_MESSAGE, "batch " + count + " failed its CRC check");
            }
            count++;
        }
        return count;
    }

    /**
     * Everything a leader checks of a client's records: framing and CRC, the records of each batch
     * against its header, sizes ({@code max.message.bytes}, {@code segment.bytes}), no control
     * batches, a sequence for idempotent batches, a key on every record of a compacted topic
     * (INVALID_RECORD, as Kafka), and CreateTime timestamps within the topic's
     * window. A CreateTime batch whose header max timestamp disagrees with its records gets the
     * records' maximum written in, as Kafka does.
     *
     * @return the number of batches
     */
    static int validate(ByteBuf records, LogConfig config, long nowMs) {
        if (records.readableBytes() > config.segmentBytes()) {
            throw new LogException(LogError.RECORD_LIST_TOO_LARGE, "records of " + records.readableBytes()
                    + " bytes exceed segment.bytes " + config.segmentBytes());
        }
        boolean createTime = config.messageTimestampType() == TimestampType.CREATE_TIME;
        int count = 0;
        RecordBatches batches = new RecordBatches(records);
        try (BatchValidator validator = new BatchValidator(ByteBufAllocator.DEFAULT,
                RecordReader.decompressionLimitFor(config.maxMessageBytes()))) {
            while (nextBatch(batches, records)) {
                RecordBatch batch = batches.batch();
                if (batch.sizeInBytes() > config.maxMessageBytes()) {
                    throw new LogException(LogError.MESSAGE_TOO_LARGE, "batch of " + batch.sizeInBytes()
                            + " bytes exceeds max.message.bytes " + config.maxMessageBytes());
                }
                if (batch.isControl()) {
                    throw new LogException(LogError.INVALID_RECORD, "clients may not write control batches");
                }
                if (batch.hasProducerId() && batch.baseSequence() < 0) {
                    throw new LogException(LogError.INVALID_RECORD, "idempotent batch of producer " + batch.producerId()
                            + " has no sequence number");
                }
                try {
                    validator.validate(batch);
                } catch (CorruptRecordException e) {
                    throw new LogException(LogError.CORRUPT_MESSAGE, e.getMessage(), e);
                }
                if (config.compactEnabled() && validator.hasRecordWithoutKey()) {
                    throw new LogException(LogError.INVALID_RECORD, "compacted topics accept only records with a key");
                }
                if (createTime) {
                    checkTimestamp(batch.baseTimestamp(), config, nowMs);
                    checkTimestamp(validator.maxTimestamp(), config, nowMs);
                    batch.setMaxTimestampAndType(validator.maxTimestamp(), TimestampType.CREATE_TIME);
                }
                count++;
            }
        }
        return count;
    }

    /** Steps the cursor, refusing old message formats as INVALID_RECORD and bad framing as CORRUPT_MESSAGE. */
    private static boolean nextBatch(RecordBatches batches, ByteBuf records) {
        try {
            return batches.next();
        } catch (CorruptRecordException e) {
            RecordBatch batch = batches.batch();
            if (batch.index() + RecordBatch.MAGIC_OFFSET < records.writerIndex() && batch.magic() != RecordBatch.MAGIC) {
                throw new LogException(LogError.INVALID_RECORD, "only record batches of magic " + RecordBatch.MAGIC
                        + " are accepted: " + e.getMessage(), e);
            }
            throw new LogException(LogError.CORRUPT_MESSAGE, e.getMessage(), e);
        }
    }

    private static void checkTimestamp(long timestamp, LogConfig config, long nowMs) {
        if (timestamp == RecordBatch.NO_TIMESTAMP) {
            return;
        }
        if (nowMs - timestamp > config.messageTimestampBeforeMaxMs()) {
            throw new LogException(LogError.INVALID_TIMESTAMP, "timestamp " + timestamp + " is more than "
                    + config.messageTimestampBeforeMaxMs() + " ms before the broker's time " + nowMs);
        }
        if (timestamp - nowMs > config.messageTimestampAfterMaxMs()) {
            throw new LogException(LogError.INVALID_TIMESTAMP, "timestamp " + timestamp + " is more than "
                    + config.messageTimestampAfterMaxMs() + " ms after the broker's time " + nowMs);
        }
    }
}
