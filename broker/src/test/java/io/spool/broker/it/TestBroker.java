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
        props.putAll(overrides);
        broker = Broker.start(BrokerConfig.from(props));
    }

    /** Stops and starts again on the same data (with a new port). */
    void restart() throws Exception {
        broker.close();
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
