package io.spool.broker.config;

import io.spool.wire.records.CompressionType;

/** Checks a parsed configuration value; throws {@link ConfigException} naming the key when it is not acceptable. */
@FunctionalInterface
public interface Validator {
    Validator NONE = (key, value) -> { };

    void ensureValid(String key, Object value);

    /** Numbers at least {@code min}; null (no value) passes. */
    static Validator atLeast(long min) {
        return (key, value) -> {
            if (value != null && ((Number) value).longValue() < min) {
                throw new ConfigException(key, value, "must be at least " + min);
            }
        };
    }


    /** Levels Kafka accepts for {@code codec} (KIP-390); null passes. */
    static Validator compressionLevel(CompressionType codec) {
        return (key, value) -> {
            if (value != null && !codec.isValidLevel(((Number) value).intValue())) {
                throw new ConfigException(key, value, "is not a " + codec.name().toLowerCase(java.util.Locale.ROOT)
                        + " compression level Kafka accepts");
            }
        };
    }

    /** Strings from a fixed set, compared ignoring case; null passes. */
    static Validator oneOf(String... allowed) {
        return (key, value) -> {
            if (value == null) {
                return;
            }
            for (String a : allowed) {
                if (a.equalsIgnoreCase(value.toString())) {
                    return;
                }
            }
            throw new ConfigException(key, value, "must be one of " + String.join(", ", allowed));
        };
    }

    /** Lists whose every element is one of {@code allowed}; null passes. */
    static Validator listOf(String... allowed) {
        Validator element = oneOf(allowed);
        return (key, value) -> {
            if (value != null) {
                for (Object item : (java.util.List<?>) value) {
                    element.ensureValid(key, item);
                }
            }
        };
    }
}
