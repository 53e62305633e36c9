package io.spool.broker.api.configs;

import io.spool.broker.config.BrokerConfig;
import io.spool.broker.config.ConfigEntry;
import io.spool.broker.config.ConfigSource;
import io.spool.broker.config.ConfigSynonym;
import io.spool.broker.config.ConfigType;
import io.spool.log.LogConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopicConfigDescriberTest {

    @Test
    void valuesSourcesAndSynonymsFollowKafka() {
        BrokerConfig broker = BrokerConfig.from(Map.of("log.retention.hours", "1"));
        LogConfig config = LogConfig.fromBrokerProperties(broker.originals()).withOverrides(Map.of("segment.bytes", "2000000"));
        Map<String, ConfigEntry> entries = new TopicConfigDescriber(broker).describe(config).stream()
                .collect(Collectors.toMap(ConfigEntry::name, Function.identity()));

        ConfigEntry retention = entries.get("retention.ms");
        assertEquals("3600000", retention.value());
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG, retention.source());
        assertEquals(ConfigType.LONG, retention.type());
        assertEquals(List.of(new ConfigSynonym("log.retention.hours", "1", ConfigSource.STATIC_BROKER_CONFIG),
                new ConfigSynonym("log.retention.hours", "168", ConfigSource.DEFAULT_CONFIG)), retention.synonyms());

        ConfigEntry segment = entries.get("segment.bytes");
        assertEquals("2000000", segment.value());
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, segment.source());
        assertEquals(ConfigType.INT, segment.type());
        assertEquals(new ConfigSynonym("log.segment.bytes", "1073741824", ConfigSource.DEFAULT_CONFIG), segment.synonyms().get(1));

        ConfigEntry cleanup = entries.get("cleanup.policy");
        assertEquals(ConfigSource.DEFAULT_CONFIG, cleanup.source());
        assertEquals(ConfigType.LIST, cleanup.type());
        assertEquals(LogConfig.names().size(), entries.size());
    }
}
