package io.spool.log;

import io.netty.buffer.ByteBuf;
import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.wire.records.RecordBatch;
import io.spool.wire.records.TimestampType;

/**
 * The checks an append makes before it touches the log, each failing with the Kafka error a
 * produce response carries. Reads batch headers in place; nothing is copied.
 */
final class AppendValidator {
    private AppendValidator() {
    }

    /**
     * Checks that the buffer is a sequence of whole magic v2 batches with good CRCs.
     *
     * @return the number of batches
     */
    static int validateFraming(ByteBuf records) {
        int count = 0;
        RecordBatch batch = RecordBatch.at(records, records.readerIndex());
        int end = records.writerIndex();
        for (int index = records.readerIndex(); index < end; index += batch.sizeInBytes()) {
            batch.wrap(records, index);
            if (end - index < RecordBatch.HEADER_SIZE) {
                throw new LogException(LogError.CORRUPT_MESSAGE, "records end with " + (end - index)
                        + " bytes, less than a batch header");
            }
            int length = batch.batchLength();
            if (length < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD || length > end - index - RecordBatch.LOG_OVERHEAD) {
                throw new LogException(LogError.CORRUPT_MESSAGE, "batch at byte " + (index - records.readerIndex())
                        + " has length " + length + " which does not fit the " + (end - index) + " bytes left");
            }
            if (batch.magic() != RecordBatch.MAGIC) {
                throw new LogException(LogError.INVALID_RECORD, "batch has magic " + batch.magic()
                        + "; only record batches of magic " + RecordBatch.MAGIC + " are accepted");
            }
            if (!batch.isValid()) {
                throw new LogException(LogError.CORRUPT_MESSAGE, "batch at offset position " + (index - records.readerIndex())
                        + " failed its CRC check");
            }
            count++;
        }
        return count;
    }

    /**
     * {@link #validateFraming} plus what a leader refuses from a client: oversized batches or
     * requests, control batches, inconsistent counts, idempotent batches without a sequence and
     * CreateTime timestamps outside the topic's allowed window.
     */
    static int validate(ByteBuf records, LogConfig config, long nowMs) {
        int count = validateFraming(records);
        if (records.readableBytes() > config.segmentBytes()) {
            throw new LogException(LogError.RECORD_LIST_TOO_LARGE, "records of " + records.readableBytes()
                    + " bytes exceed segment.bytes " + config.segmentBytes());
        }
        boolean checkTimestamps = config.messageTimestampType() == TimestampType.CREATE_TIME;
        RecordBatch batch = RecordBatch.at(records, records.readerIndex());
        int index = records.readerIndex();
        for (int i = 0; i < count; i++, index += batch.sizeInBytes()) {
            batch.wrap(records, index);
            if (batch.sizeInBytes() > config.maxMessageBytes()) {
                throw new LogException(LogError.MESSAGE_TOO_LARGE, "batch of " + batch.sizeInBytes()
                        + " bytes exceeds max.message.bytes " + config.maxMessageBytes());
            }
            if (batch.isControl()) {
                throw new LogException(LogError.INVALID_RECORD, "clients may not write control batches");
            }
            if (batch.lastOffsetDelta() < 0 || batch.recordCount() != batch.lastOffsetDelta() + 1) {
                throw new LogException(LogError.INVALID_RECORD, "batch claims " + batch.recordCount()
                        + " records but its offsets span " + (batch.lastOffsetDelta() + 1L));
            }
            if (batch.hasProducerId() && batch.baseSequence() < 0) {
                throw new LogException(LogError.INVALID_RECORD, "idempotent batch of producer " + batch.producerId()
                        + " has no sequence number");
            }
            if (checkTimestamps) {
                checkTimestamp(batch.baseTimestamp(), config, nowMs);
                checkTimestamp(batch.maxTimestamp(), config, nowMs);
            }
        }
        return count;
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
