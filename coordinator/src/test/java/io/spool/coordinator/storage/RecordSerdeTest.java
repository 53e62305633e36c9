package io.spool.coordinator.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.spool.coordinator.TrackingAllocator;
import io.netty.buffer.Unpooled;
import io.spool.coordinator.records.GroupMetadataValue;
import io.spool.coordinator.records.OffsetCommitValue;
import io.spool.wire.protocol.MessageFormatException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.coordinator.group.GroupCoordinatorRecordSerde;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupMetadataKey;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupMetadataValue;
import org.apache.kafka.coordinator.group.generated.GroupMetadataKey;
import org.apache.kafka.coordinator.group.generated.GroupMetadataValueJsonConverter;
import org.apache.kafka.coordinator.group.generated.LegacyOffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.LegacyOffsetCommitValue;
import org.apache.kafka.coordinator.group.generated.OffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.OffsetCommitValueJsonConverter;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our __consumer_offsets records against Kafka's own: same bytes, and each side reads the other's. */
class RecordSerdeTest {
    private final PooledByteBufAllocator allocator = TrackingAllocator.create();
    private final RecordSerde serde = new RecordSerde(allocator);
    private final GroupCoordinatorRecordSerde kafka = new GroupCoordinatorRecordSerde();

    @Test
    void offsetCommitsAreByteForByteWhatKafkaWrites() {
        CoordinatorRecord ours = new CoordinatorRecord.OffsetCommit("group", "orders", 3, new OffsetCommitValue()
                .setOffset(42).setLeaderEpoch(7).setMetadata("meta").setCommitTimestamp(1000));
        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord theirs =
                org.apache.kafka.coordinator.common.runtime.CoordinatorRecord.record(
                        new OffsetCommitKey().setGroup("group").setTopic("orders").setPartition(3),
                        new ApiMessageAndVersion(new org.apache.kafka.coordinator.group.generated.OffsetCommitValue()
                                .setOffset(42).setLeaderEpoch(7).setMetadata("meta").setCommitTimestamp(1000), (short) 3));
        assertArrayEquals(kafka.serializeKey(theirs), bytes(serde.key(ours)));
        assertArrayEquals(kafka.serializeValue(theirs), bytes(serde.value(ours)));

        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord read = readByKafka(ours);
        assertEquals(theirs, read);
        assertTrue(OffsetCommitValueJsonConverter.write(
                (org.apache.kafka.coordinator.group.generated.OffsetCommitValue) read.value().message(), read.value().version()).toString()
                .contains("\"offset\":42"), "what the console formatter prints");
    }

    @Test
    void anOffsetWithItsOwnExpiryIsWrittenAsValueVersionOne() {
        CoordinatorRecord ours = new CoordinatorRecord.OffsetCommit("group", "orders", 0, new OffsetCommitValue()
                .setOffset(1).setMetadata("").setCommitTimestamp(1000).setExpireTimestamp(5000));
        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord read = readByKafka(ours);
        assertEquals(1, read.value().version());
        assertEquals(5000, ((org.apache.kafka.coordinator.group.generated.OffsetCommitValue) read.value().message()).expireTimestamp());
    }

    @Test
    void groupMetadataIsByteForByteWhatKafkaWrites() {
        GroupMetadataValue value = new GroupMetadataValue().setProtocolType("consumer").setGeneration(5).setProtocol("range")
                .setLeader("m1").setCurrentStateTimestamp(1234).setMembers(List.of(
                        new GroupMetadataValue.MemberMetadata().setMemberId("m1").setGroupInstanceId("i1").setClientId("c")
                                .setClientHost("/10.0.0.1").setRebalanceTimeout(30000).setSessionTimeout(10000)
                                .setSubscription(new byte[] {1, 2}).setAssignment(new byte[] {3})));
        org.apache.kafka.coordinator.group.generated.GroupMetadataValue theirValue =
                new org.apache.kafka.coordinator.group.generated.GroupMetadataValue().setProtocolType("consumer")
                        .setGeneration(5).setProtocol("range").setLeader("m1").setCurrentStateTimestamp(1234)
                        .setMembers(List.of(new org.apache.kafka.coordinator.group.generated.GroupMetadataValue.MemberMetadata()
                                .setMemberId("m1").setGroupInstanceId("i1").setClientId("c").setClientHost("/10.0.0.1")
                                .setRebalanceTimeout(30000).setSessionTimeout(10000).setSubscription(new byte[] {1, 2})
                                .setAssignment(new byte[] {3})));
        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord theirs =
                org.apache.kafka.coordinator.common.runtime.CoordinatorRecord.record(new GroupMetadataKey().setGroup("g"),
                        new ApiMessageAndVersion(theirValue, (short) 3));
        CoordinatorRecord ours = new CoordinatorRecord.GroupMetadata("g", value);
        assertArrayEquals(kafka.serializeKey(theirs), bytes(serde.key(ours)));
        assertArrayEquals(kafka.serializeValue(theirs), bytes(serde.value(ours)));
        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord read = readByKafka(ours);
        assertEquals(theirs, read);
        assertTrue(GroupMetadataValueJsonConverter.write(
                (org.apache.kafka.coordinator.group.generated.GroupMetadataValue) read.value().message(), (short) 3).toString().contains("\"generation\":5"));
    }

    @Test
    void tombstonesHaveNoValue() {
        assertNull(serde.value(new CoordinatorRecord.GroupMetadata("g", null)));
        assertNull(serde.value(new CoordinatorRecord.OffsetCommit("g", "t", 0, null)));
        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord read = readByKafka(new CoordinatorRecord.GroupMetadata("g", null));
        assertNull(read.value());
        assertEquals(new GroupMetadataKey().setGroup("g"), read.key());
    }

    @Test
    void weReadEveryValueVersionKafkaHasWritten() {
        for (short version = 0; version <= 4; version++) {
            org.apache.kafka.coordinator.group.generated.OffsetCommitValue value = new org.apache.kafka.coordinator.group.generated.OffsetCommitValue()
                    .setOffset(100 + version).setMetadata("v" + version).setCommitTimestamp(9).setLeaderEpoch(version >= 3 ? 4 : -1)
                    .setExpireTimestamp(version == 1 ? 77 : -1).setTopicId(version >= 4 ? Uuid.randomUuid() : Uuid.ZERO_UUID);
            CoordinatorRecord.OffsetCommit read = (CoordinatorRecord.OffsetCommit) readByUs(
                    new OffsetCommitKey().setGroup("g").setTopic("t").setPartition(2), value, version);
            assertEquals(100 + version, read.value().offset());
            assertEquals("v" + version, read.value().metadata());
            assertEquals(version == 1 ? 77 : -1, read.value().expireTimestamp());
            assertEquals(version >= 3 ? 4 : -1, read.value().leaderEpoch());

            org.apache.kafka.coordinator.group.generated.GroupMetadataValue group = new org.apache.kafka.coordinator.group.generated.GroupMetadataValue()
                    .setProtocolType("consumer").setGeneration(version).setProtocol("range").setLeader("m")
                    .setMembers(List.of(new org.apache.kafka.coordinator.group.generated.GroupMetadataValue.MemberMetadata()
                            .setMemberId("m").setClientId("c").setClientHost("h").setSessionTimeout(6000)
                            .setSubscription(new byte[0]).setAssignment(new byte[] {9})));
            CoordinatorRecord.GroupMetadata readGroup = (CoordinatorRecord.GroupMetadata) readByUs(
                    new GroupMetadataKey().setGroup("g"), group, version);
            assertEquals(version, readGroup.value().generation());
            assertArrayEquals(new byte[] {9}, readGroup.value().members().get(0).assignment());
        }
    }

    @Test
    void oldOffsetCommitKeysReadLikeNewOnes() {
        CoordinatorRecord read = readByUs(new LegacyOffsetCommitKey().setGroup("g").setTopic("t").setPartition(1),
                new LegacyOffsetCommitValue().setOffset(5).setMetadata("").setCommitTimestamp(3), (short) 0);
        CoordinatorRecord.OffsetCommit commit = assertInstanceOf(CoordinatorRecord.OffsetCommit.class, read);
        assertEquals("t", commit.topic());
        assertEquals(5, commit.value().offset());
    }

    @Test
    void recordsOfOtherGroupTypesAreNotOurs() {
        assertNull(readByUs(new ConsumerGroupMetadataKey().setGroupId("g"), new ConsumerGroupMetadataValue().setEpoch(1), (short) 0));
    }

    @Test
    void malformedRecordsAreFormatErrors() {
        assertThrows(MessageFormatException.class, () -> RecordSerde.decode(Unpooled.wrappedBuffer(new byte[] {1}), null));
        ByteBuf key = serde.key(new CoordinatorRecord.GroupMetadata("g", null));
        try {
            assertThrows(MessageFormatException.class, () -> RecordSerde.decode(key.duplicate(),
                    Unpooled.wrappedBuffer(new byte[] {0, 9, 0, 0})), "value version 9 does not exist");
            assertThrows(MessageFormatException.class, () -> RecordSerde.decode(key.duplicate(),
                    Unpooled.wrappedBuffer(new byte[] {0, 3, 0, 8, 'c'})), "truncated protocol type");
            assertThrows(MessageFormatException.class, () -> RecordSerde.decode(Unpooled.wrappedBuffer(new byte[] {0, 2, 0, 50, 'g'}),
                    null), "a key string longer than the key");
        } finally {
            key.release();
        }
    }

    @AfterEach
    void everyBufferWasReleased() {
        TrackingAllocator.assertNothingLeaked(allocator);
    }

    // ---- helpers ----

    private org.apache.kafka.coordinator.common.runtime.CoordinatorRecord readByKafka(CoordinatorRecord ours) {
        byte[] value = bytes(serde.value(ours));
        return kafka.deserialize(ByteBuffer.wrap(bytes(serde.key(ours))), value == null ? null : ByteBuffer.wrap(value));
    }

    private CoordinatorRecord readByUs(ApiMessage key, ApiMessage value, short version) {
        org.apache.kafka.coordinator.common.runtime.CoordinatorRecord theirs =
                org.apache.kafka.coordinator.common.runtime.CoordinatorRecord.record(key, new ApiMessageAndVersion(value, version));
        return RecordSerde.decode(Unpooled.wrappedBuffer(kafka.serializeKey(theirs)), Unpooled.wrappedBuffer(kafka.serializeValue(theirs)));
    }

    /** The readable bytes of {@code buf}, which is released; null for null. */
    private static byte[] bytes(ByteBuf buf) {
        if (buf == null) {
            return null;
        }
        try {
            byte[] out = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), out);
            return out;
        } finally {
            buf.release();
        }
    }
}
