package io.spool.replication.zk;

/**
 * The znode layout, Kafka's where Kafka has one: {@code /cluster/id}, {@code /controller},
 * {@code /controller_epoch}, {@code /brokers/ids/<id>}, {@code /brokers/topics/<topic>} with
 * {@code partitions/<p>/state}, {@code /config/topics/<topic>}, {@code /config/brokers/<id>|<default>},
 * {@code /admin/delete_topics/<topic>}, {@code /latest_producer_id_block}; and two of Spool's own:
 * {@code /admin/controlled_shutdown/<id>} (ephemeral, a broker asking to be relieved of leadership)
 * and {@code /admin/preferred_replica_election/<request>} (partitions to move to their preferred leader).
 */
public final class ZkPaths {
    public static final String CLUSTER_ID = "/cluster/id";
    public static final String CONTROLLER = "/controller";
    public static final String CONTROLLER_EPOCH = "/controller_epoch";
    public static final String BROKER_IDS = "/brokers/ids";
    public static final String TOPICS = "/brokers/topics";
    public static final String TOPIC_CONFIGS = "/config/topics";
    public static final String BROKER_CONFIGS = "/config/brokers";
    public static final String DEFAULT_BROKER_CONFIG = "<default>";
    public static final String DELETE_TOPICS = "/admin/delete_topics";
    public static final String CONTROLLED_SHUTDOWN = "/admin/controlled_shutdown";
    public static final String PREFERRED_ELECTION = "/admin/preferred_replica_election";
    public static final String PRODUCER_ID_BLOCK = "/latest_producer_id_block";

    private ZkPaths() {
    }

    public static String broker(int id) {
        return BROKER_IDS + "/" + id;
    }

    public static String topic(String topic) {
        return TOPICS + "/" + topic;
    }

    public static String partitionState(String topic, int partition) {
        return topic(topic) + "/partitions/" + partition + "/state";
    }

    public static String topicConfig(String topic) {
        return TOPIC_CONFIGS + "/" + topic;
    }

    public static String brokerConfig(String brokerIdOrDefault) {
        return BROKER_CONFIGS + "/" + brokerIdOrDefault;
    }

    public static String deleteTopic(String topic) {
        return DELETE_TOPICS + "/" + topic;
    }

    public static String controlledShutdown(int id) {
        return CONTROLLED_SHUTDOWN + "/" + id;
    }

    /** The last element of a path. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
