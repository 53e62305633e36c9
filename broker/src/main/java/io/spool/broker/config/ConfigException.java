package io.spool.broker.config;

/** A configuration value the broker refuses; the message names the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String key, Object value, String reason) {
        super("Invalid value '" + value + "' for configuration " + key + ": " + reason);
    }
}
