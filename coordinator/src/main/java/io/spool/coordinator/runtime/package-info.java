/**
 * How the coordinator runs: one event loop that serializes every change of group and offset state,
 * and deadline timers polled on it (so tests drive time by hand). Depends on the JDK only.
 */
package io.spool.coordinator.runtime;
