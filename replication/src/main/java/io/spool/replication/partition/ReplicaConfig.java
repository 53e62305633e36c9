package io.spool.replication.partition;

import java.util.Optional;

/**
 * The replication settings, under Kafka's names: {@code replica.lag.time.max.ms},
 * {@code replica.fetch.max.bytes}, {@code replica.fetch.response.max.bytes},
 * {@code replica.fetch.wait.max.ms}, {@code replica.fetch.min.bytes}, {@code replica.fetch.backoff.ms},
 * {@code replica.socket.timeout.ms}, {@code num.replica.fetchers},
 * {@code replica.high.watermark.checkpoint.interval.ms} and {@code inter.broker.listener.name}
 * (empty: the leader's first listener).
 */
public record ReplicaConfig(long lagTimeMaxMs, int fetchMaxBytes, int fetchResponseMaxBytes, int fetchWaitMaxMs, int fetchMinBytes,
                            int fetchBackoffMs, int socketTimeoutMs, int numFetchers, long highWatermarkCheckpointIntervalMs,
                            Optional<String> interBrokerListenerName) {
}
