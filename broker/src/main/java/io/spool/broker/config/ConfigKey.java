package io.spool.broker.config;

/**
 * One configuration property: its Kafka name, type, default (the parsed value, or null when there
 * is none), validator and documentation.
 */
public record ConfigKey(String name, ConfigType type, Object defaultValue, Validator validator, String documentation) {

    /** Parses and validates a raw value for this key. */
    public Object parse(String raw) {
        Object value = raw == null ? null : type.parse(name, raw.trim());
        validator.ensureValid(name, value);
        return value;
    }

    public boolean sensitive() {
        return type == ConfigType.PASSWORD;
    }
}
