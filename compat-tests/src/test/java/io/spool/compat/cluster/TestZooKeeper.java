package io.spool.compat.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import io.spool.compat.TempDirs;
import java.time.Duration;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server inside the test JVM on an ephemeral loopback port, its snapshots and
 * transaction log in a temporary directory. Its tick is short and its session-timeout bounds wide, so the
 * brokers' {@code zookeeper.session.timeout.ms} is what decides how fast a dead broker is noticed.
 */
public final class TestZooKeeper implements AutoCloseable {
    private static final int TICK_MS = 250;
    private static final Duration MIN_SESSION_TIMEOUT = Duration.ofMillis(2 * TICK_MS);
    private static final Duration MAX_SESSION_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_CLIENT_CONNECTIONS = 100;

    private final Path dir;
    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private TestZooKeeper(Path dir, ZooKeeperServer server, ServerCnxnFactory connections) {
        this.dir = dir;
        this.server = server;
        this.connections = connections;
    }

    public static TestZooKeeper start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("spool-compat-zookeeper-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ZooKeeperServer server = new ZooKeeperServer(dir.resolve("snapshots").toFile(),
                    dir.resolve("txlog").toFile(), TICK_MS);
            server.setMinSessionTimeout((int) MIN_SESSION_TIMEOUT.toMillis());
            server.setMaxSessionTimeout((int) MAX_SESSION_TIMEOUT.toMillis());
            ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                    new InetSocketAddress("127.0.0.1", 0), MAX_CLIENT_CONNECTIONS);
            connections.startup(server);
            return new TestZooKeeper(dir, server, connections);
        } catch (IOException e) {
            TempDirs.deleteRecursively(dir);
            throw new UncheckedIOException("cannot start ZooKeeper", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting ZooKeeper", e);
        }
    }

    /** The {@code zookeeper.connect} string for brokers: {@code 127.0.0.1:<port>}. */
    public String connectString() {
        return "127.0.0.1:" + connections.getLocalPort();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
        TempDirs.deleteRecursively(dir);
    }
}
