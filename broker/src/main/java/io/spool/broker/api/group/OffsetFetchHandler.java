package io.spool.broker.api.group;

import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.OffsetFetchRequest;
import io.spool.wire.message.OffsetFetchResponse;

import java.util.concurrent.CompletableFuture;

/**
 * OffsetFetch v1-10 (Kafka 4 removed v0). From v2 null topics ask for every committed offset and
 * the answer has a group-level error code; v6 is flexible; v7 adds require-stable (there are no
 * transactional offsets to wait for); v8 batches several groups, each answered on its own; v9 adds
 * the KIP-848 member id and epoch; v10 names topics by id.
 */
public final class OffsetFetchHandler extends CoordinatorHandler<OffsetFetchRequest, OffsetFetchResponse> {
    public OffsetFetchHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.OFFSET_FETCH, VersionRange.of(1, 10));
    }

    @Override
    CompletableFuture<OffsetFetchResponse> serve(RequestInfo info, OffsetFetchRequest request) {
        return coordinator.fetchOffsets(info, request);
    }
}
