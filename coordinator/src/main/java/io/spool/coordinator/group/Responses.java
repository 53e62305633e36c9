package io.spool.coordinator.group;

import io.spool.coordinator.CoordinatorError;
import io.spool.wire.message.JoinGroupResponse;
import io.spool.wire.message.SyncGroupResponse;

import java.util.List;

/** The JoinGroup and SyncGroup answers the flows give, in one place so every path fills them alike. */
final class Responses {
    private Responses() {
    }

    static JoinGroupResponse joinError(String memberId, CoordinatorError error) {
        return new JoinGroupResponse().setErrorCode(error.code()).setMemberId(memberId).setGenerationId(-1)
                .setProtocolType(null).setProtocolName(null).setLeader("");
    }

    /** A successful join: the leader gets the members' metadata to run the assignor, followers an empty list. */
    static JoinGroupResponse joined(ClassicGroup group, String memberId, boolean withMembers, String leader,
                                    boolean skipAssignment) {
        return new JoinGroupResponse().setMemberId(memberId).setGenerationId(group.generationId())
                .setProtocolType(group.protocolType()).setProtocolName(group.protocolName())
                .setLeader(leader == null ? "" : leader).setSkipAssignment(skipAssignment)
                .setMembers(withMembers ? group.joinResponseMembers() : List.of());
    }

    static SyncGroupResponse syncError(CoordinatorError error) {
        return new SyncGroupResponse().setErrorCode(error.code());
    }

    static SyncGroupResponse synced(ClassicGroup group, byte[] assignment) {
        return new SyncGroupResponse().setProtocolType(group.protocolType()).setProtocolName(group.protocolName())
                .setAssignment(assignment);
    }
}
