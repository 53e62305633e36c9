package io.spool.coordinator.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spool.coordinator.records.GroupMetadataKey;
import io.spool.coordinator.records.GroupMetadataValue;
import io.spool.coordinator.records.OffsetCommitKey;
import io.spool.coordinator.records.OffsetCommitValue;
import io.spool.wire.protocol.Message;
import io.spool.wire.protocol.MessageFormatException;
import io.spool.wire.protocol.MessageWriter;

import java.util.List;

/**
 * Kafka's encoding of {@code __consumer_offsets} records: a key is an int16 record type followed by
 * the key struct (at version 0); a value is an int16 version followed by the value struct at that
 * version. We write what Kafka 4.x writes for classic groups, so Kafka's tools read our topic:
 * offset commits as type 1 with value version 3 (version 1 when the commit carries its own expiry
 * time) and group metadata as type 2 with value version 3. Type 0, the key of old offset commits,
 * has the same layout as type 1 and is read too.
 */
public final class RecordSerde {
    static final short LEGACY_OFFSET_COMMIT = 0;
    static final short OFFSET_COMMIT = 1;
    static final short GROUP_METADATA = 2;
    static final short GROUP_METADATA_VALUE_VERSION = 3;
    static final short OFFSET_COMMIT_VALUE_VERSION = 3;
    static final short OFFSET_COMMIT_WITH_EXPIRY_VALUE_VERSION = 1;

    private final ByteBufAllocator allocator;

    public RecordSerde(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** The record's key bytes; the caller releases them. */
    public ByteBuf key(CoordinatorRecord record) {
        if (record instanceof CoordinatorRecord.OffsetCommit c) {
            return encode(OFFSET_COMMIT, new OffsetCommitKey().setGroup(c.groupId()).setTopic(c.topic())
                    .setPartition(c.partition()), (short) 0);
        }
        return encode(GROUP_METADATA, new GroupMetadataKey().setGroup(record.groupId()), (short) 0);
    }

    /** The record's value bytes, or null for a tombstone; the caller releases them. */
    public ByteBuf value(CoordinatorRecord record) {
        if (record instanceof CoordinatorRecord.OffsetCommit c) {
            if (c.value() == null) {
                return null;
            }
            short version = c.value().expireTimestamp() >= 0 ? OFFSET_COMMIT_WITH_EXPIRY_VALUE_VERSION : OFFSET_COMMIT_VALUE_VERSION;
            return encode(version, c.value(), version);
        }
        GroupMetadataValue value = ((CoordinatorRecord.GroupMetadata) record).value();
        return value == null ? null : encode(GROUP_METADATA_VALUE_VERSION, value, GROUP_METADATA_VALUE_VERSION);
    }

    private ByteBuf encode(short prefix, Message message, short version) {
        MessageWriter writer = new MessageWriter(allocator);
        try {
            writer.writeInt16(prefix);
            message.write(writer, version);
        } catch (RuntimeException e) {
            writer.discard();
            throw e;
        }
        List<Object> parts = writer.finish();
        if (parts.size() == 1) {
            return (ByteBuf) parts.get(0);
        }
        // Only records fields start a new part, and these messages have none; join parts all the same.
        return Unpooled.wrappedBuffer(parts.stream().map(ByteBuf.class::cast).toArray(ByteBuf[]::new));
    }

    /**
     * Decodes a record read from the log, or returns null for a record type the classic group
     * coordinator does not keep (KIP-848 consumer groups, share and streams groups).
     *
     * @param value null for a tombstone
     * @throws MessageFormatException if the bytes do not hold what their type and version say
     */
    public static CoordinatorRecord decode(ByteBuf key, ByteBuf value) {
        short type = readVersion(key, "key");
        switch (type) {
            case LEGACY_OFFSET_COMMIT:
            case OFFSET_COMMIT: {
                OffsetCommitKey k = new OffsetCommitKey(key, (short) 0);
                return new CoordinatorRecord.OffsetCommit(k.group(), k.topic(), k.partition(),
                        value == null ? null : new OffsetCommitValue(value, checkedVersion(value,
                                OffsetCommitValue.LOWEST_VERSION, OffsetCommitValue.HIGHEST_VERSION)));
            }
            case GROUP_METADATA: {
                GroupMetadataKey k = new GroupMetadataKey(key, (short) 0);
                return new CoordinatorRecord.GroupMetadata(k.group(),
                        value == null ? null : new GroupMetadataValue(value, checkedVersion(value,
                                GroupMetadataValue.LOWEST_VERSION, GroupMetadataValue.HIGHEST_VERSION)));
            }
            default:
                return null;
        }
    }

    private static short checkedVersion(ByteBuf value, short lowest, short highest) {
        short version = readVersion(value, "value");
        if (version < lowest || version > highest) {
            throw new MessageFormatException("value version " + version + " is outside " + lowest + "-" + highest);
        }
        return version;
    }

    private static short readVersion(ByteBuf buf, String what) {
        if (buf.readableBytes() < 2) {
            throw new MessageFormatException("record " + what + " of " + buf.readableBytes() + " bytes has no version");
        }
        return buf.readShort();
    }
}
