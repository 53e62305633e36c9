/**
 * The injected clock: {@link io.spool.log.time.Time} with the system clock and a manual one for tests.
 * Depends on nothing.
 */
package io.spool.log.time;
