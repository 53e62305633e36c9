package io.spool.coordinator;

import io.netty.buffer.ByteBufUtil;

/**
 * Which group ids the coordinator takes. The membership APIs refuse the empty id; OffsetCommit,
 * OffsetFetch, DescribeGroups and DeleteGroups accept it, as Kafka does for old clients that
 * stored offsets under "". No id may exceed what a record key's int16-length string can hold.
 */
final class GroupIds {
    private GroupIds() {
    }

    static CoordinatorError check(String groupId, boolean allowEmpty) {
        if (groupId == null || (!allowEmpty && groupId.isEmpty()) || ByteBufUtil.utf8Bytes(groupId) > Short.MAX_VALUE) {
            return CoordinatorError.INVALID_GROUP_ID;
        }
        return CoordinatorError.NONE;
    }
}
