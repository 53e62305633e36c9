package io.spool.replication.zk;

import io.spool.log.TopicPartition;
import io.spool.replication.cluster.IsrUpdater;
import io.spool.replication.cluster.PartitionState;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A leader's ISR change as a conditional setData on the partition's state znode: same leader,
 * leader epoch and controller epoch, the new ISR, expected at the version the leader last saw.
 */
public final class ZkIsrUpdater implements IsrUpdater {
    private final ZkMetadataStore store;
    private final Executor executor;

    /** @param executor where the ZooKeeper write runs (not a Netty event loop) */
    public ZkIsrUpdater(ZkMetadataStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<Optional<PartitionState>> updateIsr(TopicPartition tp, PartitionState current, List<Integer> newIsr) {
        return CompletableFuture.supplyAsync(() -> {
            byte[] data = ZkCodec.partitionState(current.leader(), current.leaderEpoch(), newIsr, current.controllerEpoch());
            OptionalInt version = store.updatePartitionState(tp, data, current.version());
            return version.isPresent()
                    ? Optional.of(new PartitionState(current.leader(), current.leaderEpoch(), newIsr, current.controllerEpoch(), version.getAsInt()))
                    : Optional.empty();
        }, executor);
    }
}
