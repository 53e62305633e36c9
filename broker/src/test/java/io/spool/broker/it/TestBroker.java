package io.spool.broker.it;

import io.spool.broker.Broker;
import io.spool.broker.config.BrokerConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An in-process broker on an ephemeral loopback port with its data in a test directory. */
final class TestBroker implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> overrides;
    private Broker broker;

    private TestBroker(Path dataDir, Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.overrides = overrides;
    }

    static TestBroker start(Path dataDir, String... keyValues) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put(keyValues[i], keyValues[i + 1]);
        }
        TestBroker b = new TestBroker(dataDir, overrides);
        b.startBroker();
        return b;
    }

    private void startBroker() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("listeners", "PLAINTEXT://127.0.0.1:0");
        props.put("log.dirs", dataDir.toString());
        // A single node's settings, as config/server.properties has them.
        props.put("offsets.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.putAll(overrides);
        broker = Broker.start(BrokerConfig.from(props));
    }

    /** Stops cleanly and starts again on the same data and port, so connected clients find it again. */
    void restart() throws Exception {
        int port = port();
        broker.close();
        overrides.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
        startBroker();
    }

    int port() {
        return broker.advertisedEndpoints().get(0).port();
    }

    String bootstrap() {
        return "127.0.0.1:" + port();
    }

    Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
    }
}
