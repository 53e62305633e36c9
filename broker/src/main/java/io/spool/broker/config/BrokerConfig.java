package io.spool.broker.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated broker configuration: every known key's parsed value (set or default), which keys
 * were set explicitly, and typed accessors for what the broker uses. Built once at start; invalid
 * values throw {@link ConfigException} naming the key, unknown keys are logged once each.
 */
public final class BrokerConfig {
    private static final System.Logger LOG = System.getLogger(BrokerConfig.class.getName());

    private final Map<String, Object> values;
    private final Set<String> explicit;
    private final Map<String, String> originals;
    private final List<Endpoint> listeners;
    private final List<Endpoint> advertisedListeners;

    private BrokerConfig(Map<String, Object> values, Set<String> explicit, Map<String, String> originals) {
        this.values = values;
        this.explicit = explicit;
        this.originals = originals;
        this.listeners = parseListeners(BrokerConfigKeys.LISTENERS, list(BrokerConfigKeys.LISTENERS));
        this.advertisedListeners = resolveAdvertised();
        checkProtocols();
    }

    /** Parses and validates {@code props}; unknown keys are warned about, not refused. */
    public static BrokerConfig from(Map<String, String> props) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> explicit = new HashSet<>();
        Map<String, String> originals = new LinkedHashMap<>();
        for (ConfigKey key : BrokerConfigKeys.all()) {
            values.put(key.name(), key.defaultValue());
        }
        for (Map.Entry<String, String> e : props.entrySet()) {
            ConfigKey key = BrokerConfigKeys.get(e.getKey());
            if (key == null) {
                LOG.log(System.Logger.Level.WARNING, "Ignoring unknown configuration " + e.getKey());
                continue;
            }
            values.put(key.name(), key.parse(e.getValue()));
            explicit.add(key.name());
            originals.put(key.name(), e.getValue().trim());
        }
        return new BrokerConfig(Collections.unmodifiableMap(values), Collections.unmodifiableSet(explicit),
                Collections.unmodifiableMap(originals));
    }

    /** The parsed value of a known key (its default when not set); null when it has none. */
    public Object value(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("Unknown configuration " + name);
        }
        return values.get(name);
    }

    /** The known keys that were set, with their text as given (trimmed): what the log module reads its settings from. */
    public Map<String, String> originals() {
        return originals;
    }

    /** Whether {@code name} was set in the properties file or on the command line. */
    public boolean isSet(String name) {
        return explicit.contains(name);
    }

    public ConfigSource source(String name) {
        return isSet(name) ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
    }

    /** Every known broker configuration as DescribeConfigs reports it; all are read-only (static). */
    public List<ConfigEntry> describe() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : BrokerConfigKeys.all()) {
            List<ConfigSynonym> synonyms = synonyms(key.name());
            ConfigSource source = synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG : synonyms.get(0).source();
            String value = key.sensitive() ? null : key.type().format(values.get(key.name()));
            entries.add(new ConfigEntry(key.name(), value, source, true, key.sensitive(), key.type(), key.documentation(), synonyms));
        }
        return entries;
    }

    /**
     * The values {@code name} could take, in precedence order: for it and each key that stands in
     * for it, the value set at start, then the default.
     */
    public List<ConfigSynonym> synonyms(String name) {
        List<ConfigSynonym> result = new ArrayList<>();
        for (String synonym : BrokerConfigKeys.synonyms(name)) {
            ConfigKey key = BrokerConfigKeys.get(synonym);
            if (isSet(synonym)) {
                result.add(new ConfigSynonym(synonym, key.sensitive() ? null : key.type().format(values.get(synonym)),
                        ConfigSource.STATIC_BROKER_CONFIG));
            }
            if (key.defaultValue() != null) {
                result.add(new ConfigSynonym(synonym, key.sensitive() ? null : key.type().format(key.defaultValue()),
                        ConfigSource.DEFAULT_CONFIG));
            }
        }
        return result;
    }

    public int nodeId() {
        if (!isSet(BrokerConfigKeys.NODE_ID) && isSet(BrokerConfigKeys.BROKER_ID)) {
            return integer(BrokerConfigKeys.BROKER_ID);
        }
        return integer(BrokerConfigKeys.NODE_ID);
    }

    /** Endpoints to bind, in configuration order. */
    public List<Endpoint> listeners() {
        return listeners;
    }

    /** Endpoints to publish, one per listener; port 0 stands for "the port the listener bound". */
    public List<Endpoint> advertisedListeners() {
        return advertisedListeners;
    }

    public List<Path> logDirs() {
        List<String> dirs = list(BrokerConfigKeys.LOG_DIRS);
        if (dirs == null || dirs.isEmpty()) {
            dirs = List.of((String) value(BrokerConfigKeys.LOG_DIR));
        }
        return dirs.stream().map(Path::of).toList();
    }

    public int numPartitions() {
        return integer(BrokerConfigKeys.NUM_PARTITIONS);
    }

    public int defaultReplicationFactor() {
        return integer(BrokerConfigKeys.DEFAULT_REPLICATION_FACTOR);
    }

    public boolean autoCreateTopicsEnable() {
        return (Boolean) value(BrokerConfigKeys.AUTO_CREATE_TOPICS_ENABLE);
    }

    public boolean deleteTopicEnable() {
        return (Boolean) value(BrokerConfigKeys.DELETE_TOPIC_ENABLE);
    }

    public int socketRequestMaxBytes() {
        return integer(BrokerConfigKeys.SOCKET_REQUEST_MAX_BYTES);
    }

    public int socketSendBufferBytes() {
        return integer(BrokerConfigKeys.SOCKET_SEND_BUFFER_BYTES);
    }

    public int socketReceiveBufferBytes() {
        return integer(BrokerConfigKeys.SOCKET_RECEIVE_BUFFER_BYTES);
    }

    public long connectionsMaxIdleMs() {
        return (Long) value(BrokerConfigKeys.CONNECTIONS_MAX_IDLE_MS);
    }

    public long logRetentionCheckIntervalMs() {
        return (Long) value(BrokerConfigKeys.LOG_RETENTION_CHECK_INTERVAL_MS);
    }

    public int integer(String name) {
        return (Integer) value(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        return (List<String>) value(name);
    }

    private List<Endpoint> parseListeners(String key, List<String> entries) {
        List<Endpoint> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : entries) {
            Endpoint endpoint = Endpoint.parse(key, entry);
            if (!names.add(endpoint.listenerName())) {
                throw new ConfigException(key, String.join(",", entries), "listener name " + endpoint.listenerName() + " appears twice");
            }
            parsed.add(endpoint);
        }
        return List.copyOf(parsed);
    }

    private List<Endpoint> resolveAdvertised() {
        if (listeners.isEmpty()) {
            throw new ConfigException(BrokerConfigKeys.LISTENERS, "", "at least one listener is required");
        }
        List<String> configured = list(BrokerConfigKeys.ADVERTISED_LISTENERS);
        Map<String, Endpoint> advertisedByName = new HashMap<>();
        if (configured != null) {
            for (Endpoint e : parseListeners(BrokerConfigKeys.ADVERTISED_LISTENERS, configured)) {
                if (listeners.stream().noneMatch(l -> l.listenerName().equals(e.listenerName()))) {
                    throw new ConfigException(BrokerConfigKeys.ADVERTISED_LISTENERS, e,
                            "listener " + e.listenerName() + " is not in listeners");
                }
                if (e.wildcardHost() && !e.host().isEmpty()) {
                    throw new ConfigException(BrokerConfigKeys.ADVERTISED_LISTENERS, e, "cannot advertise the wildcard address");
                }
                advertisedByName.put(e.listenerName(), e);
            }
        }
        List<Endpoint> result = new ArrayList<>();
        for (Endpoint listener : listeners) {
            Endpoint advertised = advertisedByName.getOrDefault(listener.listenerName(), listener);
            if (advertised == listener && listener.wildcardHost() && !listener.host().isEmpty()) {
                throw new ConfigException(BrokerConfigKeys.LISTENERS, listener,
                        "listener binds the wildcard address; set advertised.listeners to a routable host");
            }
            result.add(advertised);
        }
        return List.copyOf(result);
    }

    private void checkProtocols() {
        Map<String, String> protocolMap = new HashMap<>();
        String raw = (String) value(BrokerConfigKeys.LISTENER_SECURITY_PROTOCOL_MAP);
        for (String pair : raw.split("\\s*,\\s*")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(BrokerConfigKeys.LISTENER_SECURITY_PROTOCOL_MAP, raw, "expected NAME:PROTOCOL pairs");
            }
            protocolMap.put(pair.substring(0, colon).trim().toUpperCase(Locale.ROOT), pair.substring(colon + 1).trim().toUpperCase(Locale.ROOT));
        }
        for (Endpoint listener : listeners) {
            String protocol = protocolMap.get(listener.listenerName());
            if (protocol == null) {
                throw new ConfigException(BrokerConfigKeys.LISTENERS, listener,
                        "listener " + listener.listenerName() + " has no entry in listener.security.protocol.map");
            }
            if (!protocol.equals("PLAINTEXT")) {
                throw new ConfigException(BrokerConfigKeys.LISTENERS, listener,
                        "security protocol " + protocol + " is not supported (Spool serves PLAINTEXT only)");
            }
        }
    }
}
