package io.spool.coordinator.group;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Picks a group's protocol for a generation: among the protocols every member supports, each member
 * votes for its most preferred one and the most votes win. Ties go to the protocol the leader
 * prefers most, so the outcome does not depend on map iteration order.
 */
final class ProtocolSelection {
    private ProtocolSelection() {
    }

    static String select(Collection<GroupMember> members, String leaderId) {
        Set<String> candidates = candidates(members);
        if (candidates.isEmpty()) {
            throw new IllegalStateException("the members share no protocol");
        }
        Map<String, Integer> votes = new HashMap<>();
        GroupMember leader = null;
        for (GroupMember m : members) {
            votes.merge(m.vote(candidates), 1, Integer::sum);
            if (m.memberId().equals(leaderId)) {
                leader = m;
            }
        }
        int most = votes.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        GroupMember tieBreaker = leader != null ? leader : members.iterator().next();
        for (GroupMember.Protocol p : tieBreaker.protocols()) {
            if (votes.getOrDefault(p.name(), 0) == most) {
                return p.name();
            }
        }
        throw new IllegalStateException("no protocol with " + most + " votes among " + votes.keySet());
    }

    /** The protocols every member supports, in the first member's order of preference. */
    static Set<String> candidates(Collection<GroupMember> members) {
        Set<String> common = new LinkedHashSet<>();
        boolean first = true;
        for (GroupMember m : members) {
            if (first) {
                m.protocols().forEach(p -> common.add(p.name()));
                first = false;
            } else {
                common.removeIf(name -> !m.supports(name));
            }
        }
        return common;
    }
}
