package io.spool.broker.config;

/** Where a configuration value came from; {@link #id()} is the code DescribeConfigs reports. */
public enum ConfigSource {
    DYNAMIC_TOPIC_CONFIG(1),
    STATIC_BROKER_CONFIG(4),
    DEFAULT_CONFIG(5);

    private final byte id;

    ConfigSource(int id) {
        this.id = (byte) id;
    }

    public byte id() {
        return id;
    }
}
