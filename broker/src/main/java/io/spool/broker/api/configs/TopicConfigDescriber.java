package io.spool.broker.api.configs;

import io.spool.broker.config.BrokerConfig;
import io.spool.broker.config.BrokerConfigKeys;
import io.spool.broker.config.ConfigEntry;
import io.spool.broker.config.ConfigKey;
import io.spool.broker.config.ConfigSource;
import io.spool.broker.config.ConfigSynonym;
import io.spool.broker.config.ConfigType;
import io.spool.log.LogConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes a topic's settings as Kafka does: the effective value; the source (the topic's own
 * override, else where its broker synonym's value came from); synonyms in precedence order (the
 * override, then the broker keys it defaults from); the type of the broker synonym.
 */
public final class TopicConfigDescriber {
    private final BrokerConfig broker;

    public TopicConfigDescriber(BrokerConfig broker) {
        this.broker = broker;
    }

    public List<ConfigEntry> describe(LogConfig config) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (String name : LogConfig.names()) {
            String value = config.values().get(name);
            String brokerName = LogConfig.brokerSynonym(name);
            List<ConfigSynonym> synonyms = new ArrayList<>();
            if (config.source(name) == LogConfig.Source.TOPIC) {
                synonyms.add(new ConfigSynonym(name, value, ConfigSource.DYNAMIC_TOPIC_CONFIG));
            }
            ConfigKey brokerKey = brokerName == null ? null : BrokerConfigKeys.get(brokerName);
            if (brokerKey != null) {
                synonyms.addAll(broker.synonyms(brokerName));
            }
            ConfigSource source = synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG : synonyms.get(0).source();
            ConfigType type = brokerKey == null ? ConfigType.STRING : brokerKey.type();
            String doc = brokerKey == null ? null : "Topic-level " + brokerName + ". " + brokerKey.documentation();
            entries.add(new ConfigEntry(name, value, source, false, false, type, doc, synonyms));
        }
        return entries;
    }
}
