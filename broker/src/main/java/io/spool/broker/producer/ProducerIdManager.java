package io.spool.broker.producer;

import io.spool.replication.zk.ProducerIdBlock;
import io.spool.replication.zk.ZkMetadataStore;

/**
 * Producer ids from blocks reserved in ZooKeeper ({@code /latest_producer_id_block}, a conditional
 * update): a block is reserved before its first id is handed out, and a reserved block is never
 * reserved again, so no id is issued twice in the cluster, restarts included. The unused rest of a
 * block is lost at shutdown. May block on the network; call off the event loops.
 */
public final class ProducerIdManager {
    private final ZkMetadataStore store;
    private final int brokerId;
    private final int blockSize;
    private long next;
    private long blockEnd = -1;

    public ProducerIdManager(ZkMetadataStore store, int brokerId, int blockSize) {
        this.store = store;
        this.brokerId = brokerId;
        this.blockSize = blockSize;
    }

    public synchronized long nextProducerId() {
        if (next > blockEnd) {
            ProducerIdBlock block = store.allocateProducerIds(brokerId, blockSize);
            next = block.start();
            blockEnd = block.end();
        }
        return next++;
    }
}
