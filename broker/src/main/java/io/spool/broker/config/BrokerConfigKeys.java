package io.spool.broker.config;

import io.spool.wire.records.CompressionType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.spool.broker.config.Validator.atLeast;
import static io.spool.broker.config.Validator.oneOf;

/**
 * The broker properties Spool reads: Kafka's names, types and defaults (Spool's own defaults where
 * noted), in the order DescribeConfigs lists them. Only properties Spool acts on are here; any other
 * key in server.properties is warned about at start.
 */
public final class BrokerConfigKeys {
    public static final String NODE_ID = "node.id";
    public static final String ZOOKEEPER_CONNECT = "zookeeper.connect";
    public static final String ZOOKEEPER_SESSION_TIMEOUT_MS = "zookeeper.session.timeout.ms";
    public static final String ZOOKEEPER_CONNECTION_TIMEOUT_MS = "zookeeper.connection.timeout.ms";
    public static final String BROKER_RACK = "broker.rack";
    public static final String INTER_BROKER_LISTENER_NAME = "inter.broker.listener.name";
    public static final String CONTROLLED_SHUTDOWN_ENABLE = "controlled.shutdown.enable";
    public static final String AUTO_LEADER_REBALANCE_ENABLE = "auto.leader.rebalance.enable";
    public static final String LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS = "leader.imbalance.check.interval.seconds";
    public static final String LEADER_IMBALANCE_PER_BROKER_PERCENTAGE = "leader.imbalance.per.broker.percentage";
    public static final String REPLICA_LAG_TIME_MAX_MS = "replica.lag.time.max.ms";
    public static final String REPLICA_FETCH_MAX_BYTES = "replica.fetch.max.bytes";
    public static final String REPLICA_FETCH_RESPONSE_MAX_BYTES = "replica.fetch.response.max.bytes";
    public static final String REPLICA_FETCH_WAIT_MAX_MS = "replica.fetch.wait.max.ms";
    public static final String REPLICA_FETCH_MIN_BYTES = "replica.fetch.min.bytes";
    public static final String REPLICA_FETCH_BACKOFF_MS = "replica.fetch.backoff.ms";
    public static final String REPLICA_SOCKET_TIMEOUT_MS = "replica.socket.timeout.ms";
    public static final String NUM_REPLICA_FETCHERS = "num.replica.fetchers";
    public static final String REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS = "replica.high.watermark.checkpoint.interval.ms";
    public static final String BROKER_ID = "broker.id";
    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String LISTENER_SECURITY_PROTOCOL_MAP = "listener.security.protocol.map";
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL = "compression.zstd.level";
    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String LOG_ROLL_MS = "log.roll.ms";
    public static final String LOG_ROLL_HOURS = "log.roll.hours";
    public static final String LOG_RETENTION_MS = "log.retention.ms";
    public static final String LOG_RETENTION_MINUTES = "log.retention.minutes";
    public static final String LOG_RETENTION_HOURS = "log.retention.hours";
    public static final String LOG_RETENTION_BYTES = "log.retention.bytes";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String LOG_CLEANUP_POLICY = "log.cleanup.policy";
    public static final String LOG_INDEX_SIZE_MAX_BYTES = "log.index.size.max.bytes";
    public static final String LOG_INDEX_INTERVAL_BYTES = "log.index.interval.bytes";
    public static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
    public static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
    public static final String LOG_SEGMENT_DELETE_DELAY_MS = "log.segment.delete.delay.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_TYPE = "log.message.timestamp.type";
    public static final String LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "log.message.timestamp.before.max.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS = "log.message.timestamp.after.max.ms";
    public static final String LOG_ROLL_JITTER_MS = "log.roll.jitter.ms";
    public static final String LOG_ROLL_JITTER_HOURS = "log.roll.jitter.hours";
    public static final String LOG_PREALLOCATE = "log.preallocate";
    public static final String LOG_CLEANER_DELETE_RETENTION_MS = "log.cleaner.delete.retention.ms";
    public static final String LOG_CLEANER_MIN_COMPACTION_LAG_MS = "log.cleaner.min.compaction.lag.ms";
    public static final String LOG_CLEANER_MAX_COMPACTION_LAG_MS = "log.cleaner.max.compaction.lag.ms";
    public static final String LOG_CLEANER_MIN_CLEANABLE_RATIO = "log.cleaner.min.cleanable.ratio";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS = "log.flush.scheduler.interval.ms";
    public static final String LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS = "log.flush.offset.checkpoint.interval.ms";
    public static final String LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS = "log.flush.start.offset.checkpoint.interval.ms";
    public static final String PRODUCER_ID_EXPIRATION_MS = "producer.id.expiration.ms";
    public static final String PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS = "producer.id.expiration.check.interval.ms";
    public static final String LOG_CLEANER_ENABLE = "log.cleaner.enable";
    public static final String LOG_CLEANER_THREADS = "log.cleaner.threads";
    public static final String LOG_CLEANER_BACKOFF_MS = "log.cleaner.backoff.ms";
    public static final String LOG_CLEANER_DEDUPE_BUFFER_SIZE = "log.cleaner.dedupe.buffer.size";
    public static final String LOG_CLEANER_IO_BUFFER_SIZE = "log.cleaner.io.buffer.size";
    public static final String LOG_CLEANER_IO_BUFFER_LOAD_FACTOR = "log.cleaner.io.buffer.load.factor";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_MAX_SIZE = "group.max.size";
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String OFFSETS_TOPIC_SEGMENT_BYTES = "offsets.topic.segment.bytes";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    public static final String OFFSETS_COMMIT_TIMEOUT_MS = "offsets.commit.timeout.ms";
    public static final String OFFSETS_LOAD_BUFFER_SIZE = "offsets.load.buffer.size";

    private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();

    /** Keys that stand in for one another, the one that wins first (Kafka reports them as synonyms). */
    private static final List<List<String>> SYNONYM_GROUPS = List.of(
            List.of(LOG_RETENTION_MS, LOG_RETENTION_MINUTES, LOG_RETENTION_HOURS),
            List.of(LOG_ROLL_MS, LOG_ROLL_HOURS),
            List.of(LOG_ROLL_JITTER_MS, LOG_ROLL_JITTER_HOURS),
            List.of(NODE_ID, BROKER_ID),
            List.of(LOG_DIRS, LOG_DIR));

    static {
        define(NODE_ID, ConfigType.INT, 0, atLeast(0),
                "This broker's id, unique in the cluster. Spool defaults it to 0 so a single broker needs no configuration.");
        define(BROKER_ID, ConfigType.INT, null, atLeast(0), "Older name of node.id; used when node.id is not set.");
        define(LISTENERS, ConfigType.LIST, List.of("PLAINTEXT://127.0.0.1:9092"), Validator.NONE,
                "Comma-separated NAME://host:port endpoints to accept connections on. Port 0 binds an ephemeral port; "
                        + "an empty host binds all interfaces.");
        define(ADVERTISED_LISTENERS, ConfigType.LIST, null, Validator.NONE,
                "Endpoints given to clients in metadata, per listener name; defaults to listeners (with the bound port).");
        define(LISTENER_SECURITY_PROTOCOL_MAP, ConfigType.STRING,
                "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL", Validator.NONE,
                "Listener name to security protocol. Spool serves PLAINTEXT listeners only.");
        define(ZOOKEEPER_CONNECT, ConfigType.STRING, null, Validator.NONE,
                "ZooKeeper ensemble holding the cluster metadata, host:port[,host:port...][/chroot]. Unset: this broker runs "
                        + "ZooKeeper embedded, for a single-node cluster that needs nothing else.");
        define(ZOOKEEPER_SESSION_TIMEOUT_MS, ConfigType.INT, 18000, atLeast(1),
                "ZooKeeper session timeout: how long a broker that stopped answering stays registered (and leads its partitions).");
        define(ZOOKEEPER_CONNECTION_TIMEOUT_MS, ConfigType.INT, null, atLeast(1),
                "How long to wait for the ZooKeeper connection at start; zookeeper.session.timeout.ms when unset.");
        define(BROKER_RACK, ConfigType.STRING, null, Validator.NONE, "Rack of this broker; replicas of a partition are spread across racks.");
        define(INTER_BROKER_LISTENER_NAME, ConfigType.STRING, null, Validator.NONE,
                "Listener that followers fetch from leaders on; the first listener when unset.");
        define(CONTROLLED_SHUTDOWN_ENABLE, ConfigType.BOOLEAN, true, Validator.NONE,
                "Move partition leadership to other in-sync replicas before this broker stops.");
        define(AUTO_LEADER_REBALANCE_ENABLE, ConfigType.BOOLEAN, true, Validator.NONE,
                "Let the controller move leadership back to preferred replicas when brokers are imbalanced.");
        define(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS, ConfigType.LONG, 300L, atLeast(1), "How often the controller checks leader imbalance.");
        define(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE, ConfigType.INT, 10, atLeast(0),
                "Share of a broker's preferred partitions led elsewhere that triggers a preferred leader election.");
        define(REPLICA_LAG_TIME_MAX_MS, ConfigType.LONG, 30000L, atLeast(1),
                "A follower that has not caught up to the leader's log end for this long leaves the ISR.");
        define(REPLICA_FETCH_MAX_BYTES, ConfigType.INT, 1048576, atLeast(0), "Bytes a follower fetches per partition (at least one batch).");
        define(REPLICA_FETCH_RESPONSE_MAX_BYTES, ConfigType.INT, 10485760, atLeast(0), "Bytes a follower fetches per request.");
        define(REPLICA_FETCH_WAIT_MAX_MS, ConfigType.INT, 500, atLeast(0), "How long a follower's fetch waits at the leader for new data.");
        define(REPLICA_FETCH_MIN_BYTES, ConfigType.INT, 1, atLeast(1), "Bytes a follower's fetch waits for.");
        define(REPLICA_FETCH_BACKOFF_MS, ConfigType.INT, 1000, atLeast(0), "Pause after a failed follower fetch.");
        define(REPLICA_SOCKET_TIMEOUT_MS, ConfigType.INT, 30000, atLeast(1), "Socket timeout of follower fetches.");
        define(NUM_REPLICA_FETCHERS, ConfigType.INT, 1, atLeast(1), "Fetcher threads per source broker.");
        define(REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS, ConfigType.LONG, 5000L, atLeast(1),
                "How often high watermarks are written to replication-offset-checkpoint.");
        define(LOG_DIRS, ConfigType.LIST, null, Validator.NONE, "Directories holding the partition logs; log.dir is used when unset.");
        define(LOG_DIR, ConfigType.STRING, "/tmp/spool-logs", Validator.NONE, "The log directory when log.dirs is not set.");
        define(NUM_PARTITIONS, ConfigType.INT, 1, atLeast(1), "Partition count of auto-created topics and of CreateTopics requests that leave it to the broker.");
        define(DEFAULT_REPLICATION_FACTOR, ConfigType.INT, 1, atLeast(1), "Replication factor of topics created without one.");
        define(AUTO_CREATE_TOPICS_ENABLE, ConfigType.BOOLEAN, true, Validator.NONE, "Create a topic when a client asks metadata for a topic that does not exist.");
        define(DELETE_TOPIC_ENABLE, ConfigType.BOOLEAN, true, Validator.NONE, "Allow DeleteTopics; when false it answers TOPIC_DELETION_DISABLED.");
        define(SOCKET_REQUEST_MAX_BYTES, ConfigType.INT, 104857600, atLeast(1), "Largest request frame accepted; a larger size closes the connection.");
        define(SOCKET_SEND_BUFFER_BYTES, ConfigType.INT, 102400, Validator.NONE, "SO_SNDBUF of client connections; -1 leaves the OS default.");
        define(SOCKET_RECEIVE_BUFFER_BYTES, ConfigType.INT, 102400, Validator.NONE, "SO_RCVBUF of client connections; -1 leaves the OS default.");
        define(CONNECTIONS_MAX_IDLE_MS, ConfigType.LONG, 600000L, Validator.NONE, "Close connections idle this long; -1 never closes them.");
        define(MESSAGE_MAX_BYTES, ConfigType.INT, 1048588, atLeast(0), "Largest record batch accepted (topic-level max.message.bytes).");
        define(MIN_INSYNC_REPLICAS, ConfigType.INT, 1, atLeast(1), "In-sync replicas needed to accept an acks=all produce.");
        define(COMPRESSION_TYPE, ConfigType.STRING, "producer",
                oneOf("uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"),
                "Codec of stored batches; producer keeps what the producer sent, any other value re-encodes batches "
                        + "in another codec at leader append.");
        define(COMPRESSION_GZIP_LEVEL, ConfigType.INT, CompressionType.GZIP.defaultLevel(),
                Validator.compressionLevel(CompressionType.GZIP), "gzip level when compression.type is gzip: -1 (zlib's default) or 1-9.");
        define(COMPRESSION_LZ4_LEVEL, ConfigType.INT, CompressionType.LZ4.defaultLevel(),
                Validator.compressionLevel(CompressionType.LZ4), "lz4 level when compression.type is lz4: 1-17; 9 uses LZ4's fast compressor.");
        define(COMPRESSION_ZSTD_LEVEL, ConfigType.INT, CompressionType.ZSTD.defaultLevel(),
                Validator.compressionLevel(CompressionType.ZSTD), "zstd level when compression.type is zstd: -131072 to 22.");
        define(LOG_SEGMENT_BYTES, ConfigType.INT, 1073741824, atLeast(1024 * 1024), "Size at which a segment file is rolled.");
        define(LOG_ROLL_MS, ConfigType.LONG, null, atLeast(1), "Age at which a segment is rolled; log.roll.hours is used when unset.");
        define(LOG_ROLL_HOURS, ConfigType.INT, 168, atLeast(1), "Age in hours at which a segment is rolled.");
        define(LOG_RETENTION_MS, ConfigType.LONG, null, Validator.NONE, "Time a segment is kept; -1 keeps forever. log.retention.minutes then hours apply when unset.");
        define(LOG_RETENTION_MINUTES, ConfigType.INT, null, Validator.NONE, "Retention in minutes when log.retention.ms is unset.");
        define(LOG_RETENTION_HOURS, ConfigType.INT, 168, Validator.NONE, "Retention in hours when log.retention.ms and log.retention.minutes are unset.");
        define(LOG_RETENTION_BYTES, ConfigType.LONG, -1L, Validator.NONE, "Size a partition log is trimmed to; -1 means no size limit.");
        define(LOG_RETENTION_CHECK_INTERVAL_MS, ConfigType.LONG, 300000L, atLeast(1), "How often retention is applied.");
        define(LOG_CLEANUP_POLICY, ConfigType.LIST, List.of("delete"), Validator.listOf("delete", "compact"),
                "delete and/or compact: what happens to old segments.");
        define(LOG_INDEX_SIZE_MAX_BYTES, ConfigType.INT, 10485760, atLeast(4), "Maximum size of an offset index file.");
        define(LOG_INDEX_INTERVAL_BYTES, ConfigType.INT, 4096, atLeast(0), "Bytes of log between offset index entries.");
        define(LOG_FLUSH_INTERVAL_MESSAGES, ConfigType.LONG, Long.MAX_VALUE, atLeast(1), "Messages appended before the log is fsynced.");
        define(LOG_FLUSH_INTERVAL_MS, ConfigType.LONG, null, Validator.NONE, "Time a message may stay unflushed.");
        define(LOG_SEGMENT_DELETE_DELAY_MS, ConfigType.LONG, 60000L, atLeast(0), "Delay before a deleted segment's files are removed.");
        define(LOG_MESSAGE_TIMESTAMP_TYPE, ConfigType.STRING, "CreateTime", oneOf("CreateTime", "LogAppendTime"),
                "Whether stored timestamps are the producer's or the append time.");
        define(LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS, ConfigType.LONG, Long.MAX_VALUE, atLeast(0),
                "How far in the past a CreateTime timestamp may lie.");
        define(LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS, ConfigType.LONG, 3600000L, atLeast(0),
                "How far in the future a CreateTime timestamp may lie.");
        define(LOG_ROLL_JITTER_MS, ConfigType.LONG, null, atLeast(0), "Random delay subtracted from segment roll times; log.roll.jitter.hours when unset.");
        define(LOG_ROLL_JITTER_HOURS, ConfigType.INT, 0, atLeast(0), "Segment roll jitter in hours.");
        define(LOG_PREALLOCATE, ConfigType.BOOLEAN, false, Validator.NONE, "Preallocate segment files.");
        define(LOG_CLEANER_DELETE_RETENTION_MS, ConfigType.LONG, 86400000L, atLeast(0), "How long delete tombstones stay in compacted topics.");
        define(LOG_CLEANER_MIN_COMPACTION_LAG_MS, ConfigType.LONG, 0L, atLeast(0), "Minimum age of a record before compaction may remove it.");
        define(LOG_CLEANER_MAX_COMPACTION_LAG_MS, ConfigType.LONG, Long.MAX_VALUE, atLeast(1), "Maximum time a record stays uncompacted.");
        define(LOG_CLEANER_MIN_CLEANABLE_RATIO, ConfigType.DOUBLE, 0.5, Validator.NONE, "Dirty share of a log that makes it eligible for compaction.");
        define(UNCLEAN_LEADER_ELECTION_ENABLE, ConfigType.BOOLEAN, false, Validator.NONE, "Allow out-of-sync replicas to become leader.");
        define(LOG_FLUSH_SCHEDULER_INTERVAL_MS, ConfigType.LONG, 1000L, atLeast(1),
                "How often logs are checked for a due flush.ms (Spool checks every second by default).");
        define(LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, ConfigType.INT, 60000, atLeast(1), "How often recovery points are checkpointed.");
        define(LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS, ConfigType.INT, 60000, atLeast(1), "How often log start offsets are checkpointed.");
        define(PRODUCER_ID_EXPIRATION_MS, ConfigType.INT, 86400000, atLeast(1), "Idle time after which a producer's sequence state is forgotten.");
        define(PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS, ConfigType.INT, 600000, atLeast(1), "How often idle producers are expired.");
        define(LOG_CLEANER_ENABLE, ConfigType.BOOLEAN, true, Validator.NONE,
                "Run the log cleaner, which compacts topics with cleanup.policy=compact (__consumer_offsets among them).");
        define(LOG_CLEANER_THREADS, ConfigType.INT, 1, atLeast(1), "Threads compacting logs.");
        define(LOG_CLEANER_BACKOFF_MS, ConfigType.LONG, 15000L, atLeast(0), "How long the cleaner sleeps when no log needs compaction.");
        define(LOG_CLEANER_DEDUPE_BUFFER_SIZE, ConfigType.LONG, 134217728L, atLeast(1),
                "Memory for the cleaners' key-to-offset maps, shared by the threads.");
        define(LOG_CLEANER_IO_BUFFER_SIZE, ConfigType.INT, 524288, atLeast(0), "Memory for the cleaners' read and write buffers, shared by the threads.");
        define(LOG_CLEANER_IO_BUFFER_LOAD_FACTOR, ConfigType.DOUBLE, 0.9, Validator.NONE, "How full a cleaner's key-to-offset map may get.");
        define(GROUP_INITIAL_REBALANCE_DELAY_MS, ConfigType.INT, 3000, atLeast(0),
                "How long a new group waits for more members before its first rebalance.");
        define(GROUP_MIN_SESSION_TIMEOUT_MS, ConfigType.INT, 6000, atLeast(0), "Shortest session timeout a group member may ask for.");
        define(GROUP_MAX_SESSION_TIMEOUT_MS, ConfigType.INT, 1800000, atLeast(0), "Longest session timeout a group member may ask for.");
        define(GROUP_MAX_SIZE, ConfigType.INT, Integer.MAX_VALUE, atLeast(1), "Most members a consumer group may have.");
        define(OFFSETS_TOPIC_NUM_PARTITIONS, ConfigType.INT, 50, atLeast(1), "Partitions of __consumer_offsets when it is created.");
        define(OFFSETS_TOPIC_REPLICATION_FACTOR, ConfigType.SHORT, (short) 3, atLeast(1),
                "Replicas of __consumer_offsets. It is not created while fewer brokers are alive: a single broker needs 1 "
                        + "(config/server.properties sets it).");
        define(OFFSETS_TOPIC_SEGMENT_BYTES, ConfigType.INT, 104857600, atLeast(1), "segment.bytes of __consumer_offsets.");
        define(OFFSETS_RETENTION_MINUTES, ConfigType.INT, 10080, atLeast(1),
                "How long the committed offsets of a group without members are kept.");
        define(OFFSETS_RETENTION_CHECK_INTERVAL_MS, ConfigType.LONG, 600000L, atLeast(1), "How often expired offsets are removed.");
        define(OFFSET_METADATA_MAX_BYTES, ConfigType.INT, 4096, atLeast(0), "Longest metadata string of a committed offset.");
        define(OFFSETS_COMMIT_TIMEOUT_MS, ConfigType.INT, 5000, atLeast(1),
                "How long an offset commit waits for the in-sync replicas of its __consumer_offsets partition.");
        define(OFFSETS_LOAD_BUFFER_SIZE, ConfigType.INT, 5242880, atLeast(1),
                "Bytes read at a time when a partition of __consumer_offsets is loaded.");
    }

    private BrokerConfigKeys() {
    }

    private static void define(String name, ConfigType type, Object defaultValue, Validator validator, String doc) {
        KEYS.put(name, new ConfigKey(name, type, defaultValue, validator, doc));
    }

    /** The key named {@code name}, or null when Spool does not know it. */
    public static ConfigKey get(String name) {
        return KEYS.get(name);
    }

    /** {@code name} and the keys that take over when it is unset, in precedence order. */
    public static List<String> synonyms(String name) {
        for (List<String> group : SYNONYM_GROUPS) {
            int i = group.indexOf(name);
            if (i >= 0) {
                return group.subList(i, group.size());
            }
        }
        return List.of(name);
    }

    /** All keys, in table order. */
    public static List<ConfigKey> all() {
        return Collections.unmodifiableList(new ArrayList<>(KEYS.values()));
    }
}
