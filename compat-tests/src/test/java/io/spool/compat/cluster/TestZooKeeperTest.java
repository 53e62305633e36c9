package io.spool.compat.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/** The in-JVM ZooKeeper takes clients with the brokers' short session timeout and keeps what they write. */
class TestZooKeeperTest {
    @Test
    void clientWithShortSessionTimeoutWritesAndReads() throws Exception {
        try (TestZooKeeper server = TestZooKeeper.start()) {
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper client = new ZooKeeper(server.connectString(), 4000, event -> {
                if (event.getState() == KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            try {
                assertEquals(true, connected.await(30, TimeUnit.SECONDS), "connected");
                assertEquals(4000, client.getSessionTimeout(), "negotiated session timeout");
                byte[] data = "broker".getBytes(StandardCharsets.UTF_8);
                client.create("/probe", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                assertArrayEquals(data, client.getData("/probe", false, null));
            } finally {
                client.close();
            }
        }
    }
}
