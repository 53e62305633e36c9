package io.spool.replication.zk;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens the Curator client of a broker. A chroot in the connect string ({@code host:2181/spool})
 * becomes Curator's namespace, which creates the path on first use.
 */
public final class ZkConnection {
    /** Held so java.util.logging does not forget the levels (it keeps loggers weakly). */
    private static final Logger ZOOKEEPER_LOGGER = Logger.getLogger("org.apache.zookeeper");
    private static final Logger CURATOR_LOGGER = Logger.getLogger("org.apache.curator");

    private ZkConnection() {
    }

    /**
     * Quiets ZooKeeper's and Curator's INFO chatter (session and connection details) to WARNING
     * unless the logging configuration names a level for them.
     */
    public static void quietLibraryLogging() {
        for (Logger logger : new Logger[] {ZOOKEEPER_LOGGER, CURATOR_LOGGER}) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
    }

    /**
     * A started client, connected within {@code connectionTimeout}.
     *
     * @throws ZkException when the ensemble cannot be reached in time
     */
    public static CuratorFramework connect(String connectString, Duration sessionTimeout, Duration connectionTimeout)
            throws InterruptedException {
        quietLibraryLogging();
        int slash = connectString.indexOf('/');
        String hosts = slash < 0 ? connectString : connectString.substring(0, slash);
        String chroot = slash < 0 ? "" : connectString.substring(slash + 1).replaceAll("/+$", "");
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(hosts)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectionTimeout.toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 10, 2000));
        if (!chroot.isEmpty()) {
            builder.namespace(chroot);
        }
        CuratorFramework client = builder.build();
        client.start();
        if (!client.blockUntilConnected((int) connectionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            client.close();
            throw new ZkException("Could not connect to ZooKeeper at " + connectString + " within " + connectionTimeout.toMillis() + " ms");
        }
        return client;
    }
}
