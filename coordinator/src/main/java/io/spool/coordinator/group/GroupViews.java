package io.spool.coordinator.group;

import io.spool.wire.message.DescribeGroupsResponse;
import io.spool.wire.message.ListGroupsResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How DescribeGroups and ListGroups show a classic group. */
public final class GroupViews {
    /** The group type ListGroups v5 reports for every group here. */
    public static final String CLASSIC_TYPE = "classic";

    private GroupViews() {
    }

    /**
     * The group as DescribeGroups shows it: the chosen protocol and each member's metadata and
     * assignment only while Stable; members without them otherwise.
     */
    public static DescribeGroupsResponse.DescribedGroup describe(ClassicGroup group) {
        boolean stable = group.is(GroupState.STABLE);
        List<DescribeGroupsResponse.DescribedGroupMember> members = new ArrayList<>(group.size());
        for (GroupMember m : group.members()) {
            members.add(new DescribeGroupsResponse.DescribedGroupMember().setMemberId(m.memberId())
                    .setGroupInstanceId(m.groupInstanceId()).setClientId(m.clientId()).setClientHost(m.clientHost())
                    .setMemberMetadata(stable ? m.metadata(group.protocolName()) : GroupMember.NO_ASSIGNMENT)
                    .setMemberAssignment(stable ? m.assignment() : GroupMember.NO_ASSIGNMENT));
        }
        return new DescribeGroupsResponse.DescribedGroup().setGroupId(group.groupId())
                .setGroupState(group.state().displayName())
                .setProtocolType(group.protocolType() == null ? "" : group.protocolType())
                .setProtocolData(stable ? group.protocolName() : "")
                .setMembers(members);
    }

    /** A group this coordinator does not have, as DescribeGroups before v6 shows it. */
    public static DescribeGroupsResponse.DescribedGroup describeMissing(String groupId) {
        return new DescribeGroupsResponse.DescribedGroup().setGroupId(groupId)
                .setGroupState(GroupState.DEAD.displayName()).setProtocolType("").setProtocolData("");
    }

    public static ListGroupsResponse.ListedGroup listed(ClassicGroup group) {
        return new ListGroupsResponse.ListedGroup().setGroupId(group.groupId())
                .setProtocolType(group.protocolType() == null ? "" : group.protocolType())
                .setGroupState(group.state().displayName()).setGroupType(CLASSIC_TYPE);
    }

    /** ListGroups' filters: empty lists match everything; states and types compare without case. */
    public static boolean matches(ClassicGroup group, List<String> states, List<String> types) {
        return (states.isEmpty() || containsIgnoringCase(states, group.state().displayName()))
                && (types.isEmpty() || containsIgnoringCase(types, CLASSIC_TYPE));
    }

    private static boolean containsIgnoringCase(List<String> values, String wanted) {
        String lower = wanted.toLowerCase(Locale.ROOT);
        for (String v : values) {
            if (v != null && v.toLowerCase(Locale.ROOT).equals(lower)) {
                return true;
            }
        }
        return false;
    }
}
