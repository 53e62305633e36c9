package io.spool.broker.api;

/** The fencing rule for a client's current leader epoch (KIP-320): -1 skips it, older is fenced, newer is unknown to us. */
public final class LeaderEpochCheck {
    private LeaderEpochCheck() {
    }

    public static Errors check(int clientEpoch, int partitionEpoch) {
        if (clientEpoch < 0 || clientEpoch == partitionEpoch) {
            return Errors.NONE;
        }
        return clientEpoch < partitionEpoch ? Errors.FENCED_LEADER_EPOCH : Errors.UNKNOWN_LEADER_EPOCH;
    }
}
