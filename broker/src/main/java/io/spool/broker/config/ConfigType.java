package io.spool.broker.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A configuration value's type; {@link #id()} is the code DescribeConfigs reports (v3+). */
public enum ConfigType {
    BOOLEAN(1),
    STRING(2),
    INT(3),
    SHORT(4),
    LONG(5),
    DOUBLE(6),
    LIST(7),
    CLASS(8),
    PASSWORD(9);

    private final byte id;

    ConfigType(int id) {
        this.id = (byte) id;
    }

    public byte id() {
        return id;
    }

    /** Parses {@code raw} (already trimmed) into this type's Java value, or throws ConfigException naming {@code key}. */
    public Object parse(String key, String raw) {
        try {
            switch (this) {
                case BOOLEAN:
                    if (raw.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (raw.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                    throw new ConfigException(key, raw, "expected true or false");
                case INT:
                    return Integer.parseInt(raw);
                case SHORT:
                    return Short.parseShort(raw);
                case LONG:
                    return Long.parseLong(raw);
                case DOUBLE:
                    return Double.parseDouble(raw);
                case LIST:
                    return raw.isEmpty() ? List.of() : Arrays.stream(raw.split("\\s*,\\s*")).filter(s -> !s.isEmpty()).toList();
                default:
                    return raw;
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "expected " + name().toLowerCase(Locale.ROOT));
        }
    }

    /** The value as DescribeConfigs shows it. */
    public String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
