package io.spool.wire.records;

import io.netty.buffer.ByteBuf;

/**
 * A flyweight view of one magic v2 record batch at {@code index} of a ByteBuf: fields are read and
 * written in place at their fixed offsets, nothing is copied. One instance can be re-pointed with
 * {@link #wrap} so iterating many batches allocates nothing.
 *
 * <p>The view trusts its framing: {@link RecordBatches} checks that a whole batch is present before
 * handing out a view; accessors past the buffer's end throw IndexOutOfBoundsException.
 *
 * <pre>
 * baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
 * attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
 * producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records...
 * </pre>
 * The CRC32C covers attributes through the end of the batch, so the base offset and the partition
 * leader epoch (which the broker assigns) can be rewritten without recomputing it.
 */
public final class RecordBatch {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BATCH_LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    public static final int RECORDS_OFFSET = 61;

    /** Bytes before the records: the whole fixed header. */
    public static final int HEADER_SIZE = RECORDS_OFFSET;
    /** Base offset and length field, the part of a batch not counted by its length field. */
    public static final int LOG_OVERHEAD = BATCH_LENGTH_OFFSET + 4;
    public static final byte MAGIC = 2;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_FLAG = 0x08;
    static final int TRANSACTIONAL_FLAG = 0x10;
    static final int CONTROL_FLAG = 0x20;
    static final int DELETE_HORIZON_FLAG = 0x40;

    private ByteBuf buf;
    private int index;

    /** A view over the batch starting at {@code index} of {@code buf}. */
    public static RecordBatch at(ByteBuf buf, int index) {
        return new RecordBatch().wrap(buf, index);
    }

    /** Re-points this view at the batch starting at {@code index} of {@code buf}. */
    public RecordBatch wrap(ByteBuf buf, int index) {
        this.buf = buf;
        this.index = index;
        return this;
    }

    /** The buffer this view reads. */
    public ByteBuf buffer() {
        return buf;
    }

    /** Where the batch starts in {@link #buffer()}. */
    public int index() {
        return index;
    }

    public long baseOffset() {
        return buf.getLong(index + BASE_OFFSET_OFFSET);
    }

    /** Outside the CRC: no checksum update needed. */
    public void setBaseOffset(long baseOffset) {
        buf.setLong(index + BASE_OFFSET_OFFSET, baseOffset);
    }

    /** The length field: bytes after it, i.e. {@link #sizeInBytes()} - {@link #LOG_OVERHEAD}. */
    public int batchLength() {
        return buf.getInt(index + BATCH_LENGTH_OFFSET);
    }

    public int sizeInBytes() {
        return batchLength() + LOG_OVERHEAD;
    }

    public int partitionLeaderEpoch() {
        return buf.getInt(index + PARTITION_LEADER_EPOCH_OFFSET);
    }

    /** Outside the CRC: no checksum update needed. */
    public void setPartitionLeaderEpoch(int epoch) {
        buf.setInt(index + PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    public byte magic() {
        return buf.getByte(index + MAGIC_OFFSET);
    }

    /** The stored CRC32C, unsigned. */
    public long crc() {
        return buf.getUnsignedInt(index + CRC_OFFSET);
    }

    public short attributes() {
        return buf.getShort(index + ATTRIBUTES_OFFSET);
    }

    /** @throws CorruptRecordException if the attributes name no known codec */
    public CompressionType compressionType() {
        int id = attributes() & COMPRESSION_MASK;
        if (id > CompressionType.ZSTD.id) {
            throw new CorruptRecordException("record batch has unknown compression type id " + id);
        }
        return CompressionType.forId(id);
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_FLAG) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_FLAG) != 0;
    }

    /** Set by compaction: {@link #baseTimestamp()} then holds the delete horizon. */
    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG) != 0;
    }

    public int lastOffsetDelta() {
        return buf.getInt(index + LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long baseTimestamp() {
        return buf.getLong(index + BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buf.getLong(index + MAX_TIMESTAMP_OFFSET);
    }

    /**
     * Stamps the batch with a timestamp type and max timestamp (LogAppendTime on append) and
     * recomputes the CRC, since both fields are covered by it. A no-op when nothing changes.
     */
    public void setMaxTimestampAndType(long maxTimestamp, TimestampType type) {
        if (maxTimestamp() == maxTimestamp && timestampType() == type) {
            return;
        }
        int attributes = attributes() & ~TIMESTAMP_TYPE_FLAG;
        if (type == TimestampType.LOG_APPEND_TIME) {
            attributes |= TIMESTAMP_TYPE_FLAG;
        }
        buf.setShort(index + ATTRIBUTES_OFFSET, attributes);
        buf.setLong(index + MAX_TIMESTAMP_OFFSET, maxTimestamp);
        updateCrc();
    }

    public long producerId() {
        return buf.getLong(index + PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buf.getShort(index + PRODUCER_EPOCH_OFFSET);
    }

    public boolean hasProducerId() {
        return producerId() > NO_PRODUCER_ID;
    }

    public int baseSequence() {
        return buf.getInt(index + BASE_SEQUENCE_OFFSET);
    }

    /** The sequence of the last record; sequences wrap from Integer.MAX_VALUE to 0. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        return incrementSequence(base, lastOffsetDelta());
    }

    /** {@code sequence + increment}, wrapping past Integer.MAX_VALUE to 0 as producers do. */
    public static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    public int recordCount() {
        return buf.getInt(index + RECORD_COUNT_OFFSET);
    }

    /** Where the records section starts in {@link #buffer()}. */
    public int recordsIndex() {
        return index + RECORDS_OFFSET;
    }

    /** Length of the records section (compressed, if the batch is). */
    public int recordsSize() {
        return sizeInBytes() - RECORDS_OFFSET;
    }

    /** CRC32C of attributes through the end of the batch, as it should be stored. */
    public long computeCrc() {
        return Crc32c.compute(buf, index + ATTRIBUTES_OFFSET, sizeInBytes() - ATTRIBUTES_OFFSET);
    }

    /** Rewrites the stored CRC after a change to a covered field. */
    public void updateCrc() {
        buf.setInt(index + CRC_OFFSET, (int) computeCrc());
    }

    /** Whether the batch is whole within the buffer (up to its writer index), is magic v2 and its CRC matches. */
    public boolean isValid() {
        return problem() == null;
    }

    /** @throws CorruptRecordException saying what is wrong, if {@link #isValid()} would be false */
    public void ensureValid() {
        String problem = problem();
        if (problem != null) {
            throw new CorruptRecordException(problem);
        }
    }

    private String problem() {
        String framing = framingProblem();
        if (framing != null) {
            return framing;
        }
        long stored = crc();
        long computed = computeCrc();
        if (stored != computed) {
            return "record batch at " + index + " failed its CRC check: stored " + stored + ", computed " + computed;
        }
        return null;
    }

    /**
     * Why the bytes from {@link #index()} to the buffer's writer index do not start with a whole v2
     * batch, or null if they do. Reads only the length and magic, never past the readable end.
     */
    String framingProblem() {
        int remaining = buf.writerIndex() - index;
        if (index < 0 || remaining < LOG_OVERHEAD) {
            return "record batch at " + index + ": only " + Math.max(remaining, 0) + " bytes remain, less than the "
                    + LOG_OVERHEAD + "-byte log overhead";
        }
        int length = batchLength();
        if (length < HEADER_SIZE - LOG_OVERHEAD) {
            return "record batch at " + index + " has length " + length + ", less than the "
                    + (HEADER_SIZE - LOG_OVERHEAD) + " bytes of its header";
        }
        if (length > remaining - LOG_OVERHEAD) {
            return "record batch at " + index + " has length " + length + " but only "
                    + (remaining - LOG_OVERHEAD) + " bytes follow";
        }
        if (magic() != MAGIC) {
            return "record batch at " + index + " has magic " + magic() + ", only " + MAGIC + " is supported";
        }
        return null;
    }

    @Override
    public String toString() {
        if (buf == null || buf.writerIndex() - index < HEADER_SIZE) {
            return "RecordBatch(index=" + index + ", incomplete)";
        }
        return "RecordBatch(index=" + index + ", baseOffset=" + baseOffset() + ", length=" + batchLength() + ")";
    }
}
