package io.spool.compat;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One broker per test class: started before the class's first test, killed and its data deleted after the
 * last, whether the tests passed or not. Register it as a static field with {@code @RegisterExtension}.
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private static final System.Logger LOG = System.getLogger(BrokerExtension.class.getName());

    private final Map<String, String> config = new LinkedHashMap<>();
    private SpoolBroker broker;

    /** Adds a broker property (Kafka's name) to the broker's server.properties. */
    public BrokerExtension with(String key, String value) {
        config.put(key, value);
        return this;
    }

    public SpoolBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("broker not started: is the extension registered as a static field?");
        }
        return broker;
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LOG.log(Level.INFO, "kafka-clients {0} from {1} (expected {2})", ClientGeneration.loaded(),
                ClientGeneration.location(), ClientGeneration.expected());
        broker = SpoolBroker.start(context.getRequiredTestClass().getSimpleName(), config);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker == null) {
            return;
        }
        try {
            broker.assertNoLeaks();
        } finally {
            broker.close();
        }
    }
}
