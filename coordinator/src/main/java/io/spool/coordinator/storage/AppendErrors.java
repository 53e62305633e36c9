package io.spool.coordinator.storage;

import io.spool.coordinator.CoordinatorError;
import io.spool.log.errors.LogException;

/**
 * What a failed append of coordinator records tells the client: a partition this node no longer
 * leads or cannot write means NOT_COORDINATOR (find the coordinator again); records too large are
 * the commit's fault (INVALID_COMMIT_OFFSET_SIZE) but a server error for group metadata.
 */
public final class AppendErrors {
    private AppendErrors() {
    }

    public static CoordinatorError forGroupMetadata(Throwable failure) {
        return map(failure, CoordinatorError.UNKNOWN_SERVER_ERROR);
    }

    public static CoordinatorError forOffsetCommit(Throwable failure) {
        return map(failure, CoordinatorError.INVALID_COMMIT_OFFSET_SIZE);
    }

    private static CoordinatorError map(Throwable failure, CoordinatorError tooLarge) {
        if (failure instanceof IllegalStateException) {
            return CoordinatorError.NOT_COORDINATOR;
        }
        if (failure instanceof LogException e) {
            switch (e.error()) {
                case KAFKA_STORAGE_ERROR:
                    return CoordinatorError.NOT_COORDINATOR;
                case MESSAGE_TOO_LARGE:
                case RECORD_LIST_TOO_LARGE:
                    return tooLarge;
                default:
                    return CoordinatorError.UNKNOWN_SERVER_ERROR;
            }
        }
        return CoordinatorError.UNKNOWN_SERVER_ERROR;
    }
}
