package io.spool.broker.topic;

import io.spool.broker.meta.KafkaUuid;
import io.spool.replication.zk.TopicAssignment;
import io.spool.replication.zk.ZkMetadataStore;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Moves the metadata of a broker that ran before ZooKeeper into ZooKeeper, once: the topics of
 * {@code spool-topics.properties} (same names, ids and configs; every replica on this broker) and
 * the producer id high-water mark of {@code spool-producer-ids.properties}. The files are then
 * renamed {@code *.imported}. Without this the logs of those topics would be deleted at start as
 * belonging to no topic.
 */
public final class LegacyTopicImport {
    private static final System.Logger LOG = System.getLogger(LegacyTopicImport.class.getName());
    static final String TOPICS_FILE = "spool-topics.properties";
    static final String PRODUCER_IDS_FILE = "spool-producer-ids.properties";

    private LegacyTopicImport() {
    }

    /** Imports the files found in {@code dataDir}; a no-op when there are none. */
    public static void run(Path dataDir, int nodeId, ZkMetadataStore store) throws IOException {
        Path topics = dataDir.resolve(TOPICS_FILE);
        if (Files.exists(topics)) {
            Properties p = load(topics);
            int imported = 0;
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("topic.") || !key.endsWith(".name")) {
                    continue;
                }
                String id = key.substring("topic.".length(), key.length() - ".name".length());
                String prefix = "topic." + id + ".";
                int partitions = Integer.parseInt(p.getProperty(prefix + "partitions", "0").trim());
                Map<String, String> configs = new HashMap<>();
                for (String k : p.stringPropertyNames()) {
                    if (k.startsWith(prefix + "config.")) {
                        configs.put(k.substring((prefix + "config.").length()), p.getProperty(k));
                    }
                }
                List<List<Integer>> replicas = new ArrayList<>(Collections.nCopies(partitions, List.of(nodeId)));
                if (store.createTopic(p.getProperty(key), new TopicAssignment(KafkaUuid.parse(id), replicas), configs)) {
                    imported++;
                }
            }
            Files.move(topics, dataDir.resolve(TOPICS_FILE + ".imported"), StandardCopyOption.REPLACE_EXISTING);
            LOG.log(System.Logger.Level.INFO, "Imported " + imported + " topic(s) from " + topics + " into ZooKeeper");
        }
        Path producerIds = dataDir.resolve(PRODUCER_IDS_FILE);
        if (Files.exists(producerIds)) {
            long next = Long.parseLong(load(producerIds).getProperty("next.block.start", "0").trim());
            if (next > 0) {
                // One block covering every id the old store may have handed out; later blocks start above it.
                store.allocateProducerIds(nodeId, (int) Math.min(Integer.MAX_VALUE, next));
            }
            Files.move(producerIds, dataDir.resolve(PRODUCER_IDS_FILE + ".imported"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p;
    }
}
