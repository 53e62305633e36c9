/**
 * JMH microbenchmarks of Spool's hot paths: the generated protocol codec, batch CRC32C and
 * validation, and offset-index lookups. Run with bench/jmh.sh; never part of a plain build.
 */
package io.spool.bench.jmh;
