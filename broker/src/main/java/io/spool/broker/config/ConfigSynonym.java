package io.spool.broker.config;

/** A value one configuration takes from a synonym (itself at another level, or a related key), in precedence order. */
public record ConfigSynonym(String name, String value, ConfigSource source) {
}
