package io.spool.broker.api.group;

import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.OffsetCommitRequest;
import io.spool.wire.message.OffsetCommitResponse;

import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit v2-10 (Kafka 4 removed v0-1). v2-4 carry a retention time, dropped in v5 for
 * offsets.retention.minutes; v6 adds the leader epoch; v7 group.instance.id; v8 is flexible; v9 is
 * the first usable by KIP-848 consumers; v10 names topics by id (unknown ids are UNKNOWN_TOPIC_ID).
 * Partitions that do not exist are UNKNOWN_TOPIC_OR_PARTITION, metadata longer than
 * offset.metadata.max.bytes OFFSET_METADATA_TOO_LARGE. Answered once the offsets are written.
 */
public final class OffsetCommitHandler extends CoordinatorHandler<OffsetCommitRequest, OffsetCommitResponse> {
    public OffsetCommitHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.OFFSET_COMMIT, VersionRange.of(2, 10));
    }

    @Override
    CompletableFuture<OffsetCommitResponse> serve(RequestInfo info, OffsetCommitRequest request) {
        return coordinator.commitOffsets(info, request);
    }
}
