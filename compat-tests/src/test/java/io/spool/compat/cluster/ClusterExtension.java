package io.spool.compat.cluster;

import io.spool.compat.ClientGeneration;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A cluster started before a test, its brokers checked for buffer leaks and every process ended after it,
 * whether the test passed or not. Registered with {@code @RegisterExtension} as an instance field, each test
 * gets a fresh cluster (fault tests leave brokers dead or diverged); as a static field, the class shares one.
 */
public final class ClusterExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final System.Logger LOG = System.getLogger(ClusterExtension.class.getName());

    private final int size;
    private final Map<String, String> config = new LinkedHashMap<>();
    private SpoolCluster cluster;
    private boolean perClass;

    public ClusterExtension(int size) {
        this.size = size;
    }

    /** Adds a property (Kafka's name) to every broker's server.properties. */
    public ClusterExtension with(String key, String value) {
        config.put(key, value);
        return this;
    }

    public SpoolCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("cluster not started: is the extension registered with @RegisterExtension?");
        }
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start(String name) {
        LOG.log(Level.INFO, "kafka-clients {0} from {1}", ClientGeneration.loaded(), ClientGeneration.location());
        cluster = SpoolCluster.start(name, size, config);
    }

    private void stop() {
        if (cluster == null) {
            return;
        }
        try {
            cluster.assertNoLeaks();
        } finally {
            cluster.close();
            cluster = null;
        }
    }
}
