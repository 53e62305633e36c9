package io.spool.broker.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerConfigTest {

    @Test
    void defaultsFollowKafkaNames() {
        BrokerConfig config = BrokerConfig.from(Map.of());
        assertEquals(0, config.nodeId());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "127.0.0.1", 9092)), config.listeners());
        assertEquals(config.listeners(), config.advertisedListeners());
        assertEquals(104857600, config.socketRequestMaxBytes());
        assertTrue(config.autoCreateTopicsEnable());
        assertEquals(ConfigSource.DEFAULT_CONFIG, config.source(BrokerConfigKeys.NUM_PARTITIONS));
    }

    @Test
    void explicitValuesAreParsedAndMarkedStatic() {
        BrokerConfig config = BrokerConfig.from(Map.of(
                "node.id", "3", "num.partitions", " 4 ", "log.retention.minutes", "2",
                "auto.create.topics.enable", "FALSE", "log.dirs", "/a, /b"));
        assertEquals(3, config.nodeId());
        assertEquals(4, config.numPartitions());
        assertEquals(2, config.value("log.retention.minutes"));
        assertFalse(config.autoCreateTopicsEnable());
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), config.logDirs());
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG, config.source("num.partitions"));
    }

    @Test
    void brokerIdIsUsedWhenNodeIdIsUnset() {
        assertEquals(7, BrokerConfig.from(Map.of("broker.id", "7")).nodeId());
    }

    @Test
    void invalidValuesNameTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("num.partitions", "zero")));
        assertTrue(e.getMessage().contains("num.partitions"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("num.partitions", "0")));
        assertTrue(e.getMessage().contains("num.partitions"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("auto.create.topics.enable", "yes")));
        assertTrue(e.getMessage().contains("auto.create.topics.enable"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("compression.type", "brotli")));
        assertTrue(e.getMessage().contains("compression.type"), e.getMessage());
        for (String[] level : new String[][] {{"compression.gzip.level", "0"}, {"compression.lz4.level", "18"},
                {"compression.zstd.level", "23"}}) {
            e = assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of(level[0], level[1])));
            assertTrue(e.getMessage().contains(level[0]), e.getMessage());
        }
    }

    @Test
    void listenersAreValidated() {
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://localhost:99999")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "localhost:9092")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "SSL://localhost:9093")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://a:1,PLAINTEXT://b:2")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of(
                "listeners", "PLAINTEXT://a:1", "advertised.listeners", "OTHER://b:2")));
    }

    @Test
    void advertisedListenersReplaceTheirListener() {
        BrokerConfig config = BrokerConfig.from(Map.of(
                "listeners", "PLAINTEXT://0.0.0.0:0,INTERNAL://127.0.0.1:0",
                "advertised.listeners", "PLAINTEXT://broker.example:9092",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT"));
        assertEquals(List.of(new Endpoint("PLAINTEXT", "broker.example", 9092), new Endpoint("INTERNAL", "127.0.0.1", 0)),
                config.advertisedListeners());
    }

    @Test
    void ipv6EndpointsParse() {
        assertEquals(new Endpoint("PLAINTEXT", "::1", 0), Endpoint.parse("listeners", "PLAINTEXT://[::1]:0"));
        assertEquals("PLAINTEXT://[::1]:0", new Endpoint("PLAINTEXT", "::1", 0).toString());
    }

    @Test
    void commandLineOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "# comment\nnode.id=1\nnum.partitions=2\n");
        Map<String, String> props = ServerArguments.parse(new String[] {file.toString(), "--override", "num.partitions=5"});
        assertEquals(Map.of("node.id", "1", "num.partitions", "5"), props);
        assertThrows(ConfigException.class, () -> ServerArguments.parse(new String[] {"--override"}));
        assertThrows(ConfigException.class, () -> ServerArguments.parse(new String[] {"--override", "novalue"}));
        assertThrows(ConfigException.class, () -> ServerArguments.parse(new String[] {dir.resolve("missing").toString()}));
    }

    @Test
    void groupAndCleanerSettingsHaveKafkasNamesAndDefaults() {
        BrokerConfig config = BrokerConfig.from(Map.of("offsets.retention.minutes", "60"));
        assertEquals((short) 3, config.value("offsets.topic.replication.factor"));
        assertEquals(50, config.value("offsets.topic.num.partitions"));
        assertEquals(3000, config.value("group.initial.rebalance.delay.ms"));
        assertEquals(Integer.MAX_VALUE, config.value("group.max.size"));
        assertEquals(true, config.value("log.cleaner.enable"));
        assertEquals(134217728L, config.value("log.cleaner.dedupe.buffer.size"));
        ConfigEntry retention = config.describe().stream().filter(e -> e.name().equals("offsets.retention.minutes")).findFirst().orElseThrow();
        assertEquals("60", retention.value());
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG, retention.source());
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("offsets.topic.replication.factor", "0")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.cleaner.threads", "0")));
    }

    @Test
    void theShippedServerPropertiesSuitOneBroker() {
        Map<String, String> props = ServerArguments.parse(new String[] {"../config/server.properties"});
        for (String key : props.keySet()) {
            assertTrue(BrokerConfigKeys.get(key) != null, key + " is a known key");
        }
        BrokerConfig config = BrokerConfig.from(props);
        assertEquals((short) 1, config.value("offsets.topic.replication.factor"));
    }
}
