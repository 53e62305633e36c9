package io.spool.replication.cluster;

/**
 * Told of every new image, in order, on one thread (never a Netty event loop). A listener must not
 * block for long: later images wait for it.
 */
public interface ClusterImageListener {
    void onImage(ClusterImage previous, ClusterImage current);
}
