package io.spool.broker.api.group;

import io.spool.broker.api.AuthorizedOperations;
import io.spool.broker.api.Errors;
import io.spool.broker.api.VersionRange;
import io.spool.coordinator.GroupCoordinator;
import io.spool.coordinator.RequestInfo;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.DescribeGroupsRequest;
import io.spool.wire.message.DescribeGroupsResponse;

import java.util.concurrent.CompletableFuture;

/**
 * DescribeGroups v0-6: state, protocol and members with their metadata and assignments. v3 adds
 * authorized operations when asked (every group operation: there is no authorizer); v4 each
 * member's group.instance.id; v5 is flexible; v6 answers a group that does not exist
 * GROUP_ID_NOT_FOUND (before v6 it is shown Dead with no error).
 */
public final class DescribeGroupsHandler extends CoordinatorHandler<DescribeGroupsRequest, DescribeGroupsResponse> {
    private static final short AUTHORIZED_OPERATIONS_VERSION = 3;

    public DescribeGroupsHandler(GroupCoordinator coordinator) {
        super(coordinator, ApiKey.DESCRIBE_GROUPS, VersionRange.of(0, 6));
    }

    @Override
    CompletableFuture<DescribeGroupsResponse> serve(RequestInfo info, DescribeGroupsRequest request) {
        boolean withOperations = info.version() >= AUTHORIZED_OPERATIONS_VERSION && request.includeAuthorizedOperations();
        return coordinator.describeGroups(info, request).thenApply(response -> {
            if (withOperations) {
                for (DescribeGroupsResponse.DescribedGroup group : response.groups()) {
                    if (group.errorCode() == Errors.NONE.code()) {
                        group.setAuthorizedOperations(AuthorizedOperations.GROUP);
                    }
                }
            }
            return response;
        });
    }
}
