package io.spool.replication.zk;

/** Producer ids {@code [start, end]} reserved for one broker in {@code /latest_producer_id_block}; never handed out again. */
public record ProducerIdBlock(int brokerId, long start, long end) {
}
