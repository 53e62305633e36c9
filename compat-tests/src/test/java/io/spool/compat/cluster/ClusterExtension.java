package io.spool.compat.cluster;

import io.spool.compat.ClientGeneration;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh cluster for each test (fault tests leave brokers dead or diverged): started before the test, its
 * brokers checked for buffer leaks and every process ended after it, whether the test passed or not.
 * Register it as an instance field with {@code @RegisterExtension}.
 */
public final class ClusterExtension implements BeforeEachCallback, AfterEachCallback {
    private static final System.Logger LOG = System.getLogger(ClusterExtension.class.getName());

    private final int size;
    private final Map<String, String> config = new LinkedHashMap<>();
    private SpoolCluster cluster;

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
    public void beforeEach(ExtensionContext context) {
        LOG.log(Level.INFO, "kafka-clients {0} from {1}", ClientGeneration.loaded(), ClientGeneration.location());
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        cluster = SpoolCluster.start(name, size, config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
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
