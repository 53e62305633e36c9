package io.spool.replication.controller;

/**
 * The controller's settings: the broker's {@code unclean.leader.election.enable} (topics and
 * {@code /config/brokers} may override it), {@code auto.leader.rebalance.enable},
 * {@code leader.imbalance.check.interval.seconds} and {@code leader.imbalance.per.broker.percentage}.
 */
public record ControllerConfig(boolean uncleanLeaderElection, boolean autoLeaderRebalance, long imbalanceCheckIntervalMs,
                               int imbalancePerBrokerPercentage) {
}
