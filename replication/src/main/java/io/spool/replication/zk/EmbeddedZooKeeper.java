package io.spool.replication.zk;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A standalone ZooKeeper server in this process, on a loopback port, keeping its snapshots and
 * transaction log in {@code dataDir} so metadata survives restarts. Used when no ensemble is
 * configured: then this process is the only client there ever was, so sessions left by a previous
 * life of the process (a kill -9) are closed at start instead of lingering until they expire.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedZooKeeper.class.getName());
    /** A short tick keeps the minimum session timeout (two ticks) low; nothing else depends on it. */
    private static final int TICK_MS = 500;
    private static final int MAX_CONNECTIONS = 60;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    /** Starts a server on {@code port} of the loopback address (0 picks a free port). */
    public static EmbeddedZooKeeper start(Path dataDir, int port) throws IOException, InterruptedException {
        EmbeddedZooKeeper zk = bind(dataDir, port);
        zk.start();
        return zk;
    }

    /**
     * Binds the server's port without serving yet, so clients can be set up (Curator's classes load
     * slowly) while {@link #start} loads the data.
     */
    public static EmbeddedZooKeeper bind(Path dataDir, int port) throws IOException {
        ZkConnection.quietLibraryLogging();
        Files.createDirectories(dataDir);
        ZooKeeperServer server = new ZooKeeperServer(dataDir.toFile(), dataDir.toFile(), TICK_MS);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), MAX_CONNECTIONS);
        return new EmbeddedZooKeeper(server, connections);
    }

    /**
     * Loads the data and serves. Sessions found in the data were opened by an earlier run of this
     * process (nothing else connects here) and are closed, before any new session can be among them.
     */
    public void start() throws IOException, InterruptedException {
        try {
            connections.startup(server, false);
            server.startdata();
            List<Long> leftover = List.copyOf(server.getZKDatabase().getSessions());
            server.startup();
            for (long session : leftover) {
                server.closeSession(session);
            }
            if (!leftover.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "Closed " + leftover.size() + " ZooKeeper session(s) left by a previous run");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public int port() {
        return connections.getLocalPort();
    }

    /** The connect string clients use. */
    public String connectString() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}
