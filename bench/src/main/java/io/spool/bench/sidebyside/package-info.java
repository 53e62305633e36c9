/**
 * The side-by-side benchmark: starts Apache Kafka and Spool alternately as fresh processes, drives
 * both with Apache Kafka's own perf tools and reports medians, ratios and broker CPU per GiB.
 * Talks to brokers only over the network and through /proc; depends on nothing but the JDK.
 */
package io.spool.bench.sidebyside;
