package io.spool.coordinator.group;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spool.wire.message.ConsumerProtocolSubscription;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the topics out of consumer-protocol member metadata (an int16 version followed by a
 * ConsumerProtocolSubscription), for the rules that depend on what a consumer group consumes:
 * OffsetDelete's GROUP_SUBSCRIBED_TO_TOPIC and offset expiry. Newer subscription versions than
 * ours are read as our newest, since the format only grows at the end.
 */
final class ConsumerSubscriptions {
    static final String PROTOCOL_TYPE = "consumer";

    private ConsumerSubscriptions() {
    }

    /** The union of the members' subscribed topics, or null if a member's metadata cannot be read. */
    static Set<String> topics(Collection<GroupMember> members, String protocolName) {
        Set<String> topics = new HashSet<>();
        for (GroupMember m : members) {
            byte[] metadata = m.metadata(protocolName);
            if (metadata == null) {
                return null;
            }
            try {
                ByteBuf in = Unpooled.wrappedBuffer(metadata);
                if (in.readableBytes() < 2) {
                    return null;
                }
                short version = in.readShort();
                if (version < ConsumerProtocolSubscription.LOWEST_VERSION) {
                    return null;
                }
                short readAs = (short) Math.min(version, ConsumerProtocolSubscription.HIGHEST_VERSION);
                topics.addAll(new ConsumerProtocolSubscription(in, readAs).topics());
            } catch (RuntimeException e) {
                return null; // not a consumer subscription after all: treat every topic as possibly consumed
            }
        }
        return topics;
    }
}
