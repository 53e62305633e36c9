package io.spool.replication.controller;

import io.spool.log.time.Time;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.zk.MetadataCache;
import io.spool.replication.zk.ZkConnection;
import io.spool.replication.zk.ZkMetadataStore;
import org.apache.curator.framework.CuratorFramework;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A broker's metadata side for tests: its ZooKeeper session, registration, metadata cache and controller. */
final class ZkNode implements AutoCloseable {
    final int id;
    final CuratorFramework client;
    final ZkMetadataStore store;
    final MetadataCache metadata;
    final Controller controller;

    ZkNode(String connect, int id, Optional<String> rack) throws InterruptedException {
        this.id = id;
        client = ZkConnection.connect(connect, Duration.ofSeconds(2), Duration.ofSeconds(10));
        store = new ZkMetadataStore(client, Time.SYSTEM);
        store.ensureClusterId("test-cluster");
        metadata = MetadataCache.start(client, Duration.ofSeconds(10));
        store.registerBroker(new BrokerInfo(id, List.of(new BrokerEndpoint("PLAINTEXT", "PLAINTEXT", "localhost", 9000 + id)), rack),
                Duration.ofSeconds(5));
        controller = new Controller(id, store, metadata, new ControllerConfig(false, false, 300_000, 10));
        controller.start();
    }

    @Override
    public void close() {
        controller.close();
        metadata.close();
        client.close();
    }
}
