/**
 * The controller: one broker, elected through ZooKeeper, that assigns replicas, initialises and
 * moves partition leadership, handles broker deaths, controlled shutdowns, topic deletions and
 * preferred-leader elections. Decisions are pure functions; writes go through the zk store.
 */
package io.spool.replication.controller;
