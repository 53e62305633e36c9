package io.spool.replication.zk;

import org.apache.zookeeper.server.NIOServerCnxnFactory;
import org.apache.zookeeper.server.ServerCnxn;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.File;
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
 * It registers no JMX MBeans: nothing reads them, and setting up the platform MBean server is a
 * good part of a single node's start-up.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedZooKeeper.class.getName());
    /** A short tick keeps the minimum session timeout (two ticks) low; nothing else depends on it. */
    private static final int TICK_MS = 500;
    private static final int MAX_CONNECTIONS = 60;

    private final Path dataDir;
    private final Connections connections;
    private ZooKeeperServer server;

    private EmbeddedZooKeeper(Path dataDir, Connections connections) {
        this.dataDir = dataDir;
        this.connections = connections;
    }

    /** Starts a server on {@code port} of the loopback address (0 picks a free port). */
    public static EmbeddedZooKeeper start(Path dataDir, int port) throws IOException, InterruptedException {
        EmbeddedZooKeeper zk = bind(dataDir, port);
        zk.start();
        return zk;
    }

    /**
     * Binds the server's port and nothing more, so a client can be set up (the ZooKeeper client's
     * first use initializes the JDK's TLS defaults, a few hundred milliseconds) while {@link #start}
     * loads the server and its data.
     */
    public static EmbeddedZooKeeper bind(Path dataDir, int port) throws IOException {
        ZkConnection.quietLibraryLogging();
        Connections connections = new Connections();
        connections.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), MAX_CONNECTIONS);
        return new EmbeddedZooKeeper(dataDir, connections);
    }

    /**
     * Loads the data and serves. Sessions found in the data were opened by an earlier run of this
     * process (nothing else connects here) and are closed, before any new session can be among them.
     */
    public void start() throws IOException, InterruptedException {
        try {
            Files.createDirectories(dataDir);
            server = new Server(dataDir.toFile(), TICK_MS);
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
        if (server != null) {
            server.shutdown();
        }
    }

    /** A standalone server without MBeans. */
    private static final class Server extends ZooKeeperServer {
        Server(File dataDir, int tickMs) throws IOException {
            super(dataDir, dataDir, tickMs);
        }

        @Override
        protected void registerJMX() {
        }

        @Override
        protected void unregisterJMX() {
        }
    }

    /** Connections without an MBean each (the first would start the platform MBean server). */
    private static final class Connections extends NIOServerCnxnFactory {
        @Override
        public void registerConnection(ServerCnxn connection) {
        }

        @Override
        public void unregisterConnection(ServerCnxn connection) {
        }
    }
}
