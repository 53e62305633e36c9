package io.spool.broker.topic;

import java.util.Optional;
import java.util.Set;

/** Kafka's rules for topic names: 1 to 249 of [a-zA-Z0-9._-], and not "." or "..". */
public final class TopicNames {
    public static final int MAX_LENGTH = 249;
    /** Kafka's internal topics: the coordinators' state. Metadata flags them; clients may not write or delete them. */
    private static final Set<String> INTERNAL = Set.of("__consumer_offsets", "__transaction_state", "__share_group_state");

    private TopicNames() {
    }

    /** Why {@code name} is not a legal topic name, or empty when it is. */
    public static Optional<String> invalidReason(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("Topic name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("Topic name is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return Optional.of("Topic name \"" + name + "\" contains characters other than ASCII alphanumerics, '.', '_' and '-'");
            }
        }
        return Optional.empty();
    }

    public static boolean isInternal(String name) {
        return INTERNAL.contains(name);
    }

    /**
     * The form under which Kafka's metrics would confuse two names: '.' and '_' are the same there,
     * so two topics whose names differ only in those characters cannot coexist.
     */
    public static String collisionKey(String name) {
        return name.replace('.', '_');
    }
}
