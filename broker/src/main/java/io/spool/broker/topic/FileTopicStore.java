package io.spool.broker.topic;

import io.spool.broker.meta.AtomicFiles;
import io.spool.broker.meta.KafkaUuid;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Topics kept in one properties file in the data directory, rewritten atomically (temporary file,
 * fsync, rename) on every change. Keys are {@code topic.<id>.name}, {@code topic.<id>.partitions}
 * and {@code topic.<id>.config.<name>}; ids contain no dots, so any name or value round-trips.
 */
public final class FileTopicStore implements TopicStore {
    public static final String FILE_NAME = "spool-topics.properties";

    private final Path file;
    private final RandomGenerator random;
    private final Map<String, Topic> byName = new ConcurrentHashMap<>();
    private final Map<UUID, Topic> byId = new ConcurrentHashMap<>();

    private FileTopicStore(Path file, RandomGenerator random) {
        this.file = file;
        this.random = random;
    }

    /** Opens the store in {@code dir}, loading the topics registered there. */
    public static FileTopicStore open(Path dir, RandomGenerator random) throws IOException {
        FileTopicStore store = new FileTopicStore(dir.resolve(FILE_NAME), random);
        store.load();
        return store;
    }

    @Override
    public Collection<Topic> topics() {
        return List.copyOf(byName.values());
    }

    @Override
    public Optional<Topic> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<Topic> byId(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Topic create(String name, int partitionCount, Map<String, String> configs)
            throws TopicExistsException, IOException {
        if (byName.containsKey(name)) {
            throw new TopicExistsException("Topic '" + name + "' already exists.");
        }
        String key = TopicNames.collisionKey(name);
        for (String existing : byName.keySet()) {
            if (TopicNames.collisionKey(existing).equals(key)) {
                throw new TopicExistsException("Topic '" + name + "' collides with existing topic '" + existing
                        + "' ('.' and '_' are treated alike)");
            }
        }
        UUID id;
        do {
            id = KafkaUuid.random(random);
        } while (byId.containsKey(id));
        Topic topic = new Topic(name, id, partitionCount, configs);
        Map<String, Topic> next = new HashMap<>(byName);
        next.put(name, topic);
        persist(next.values());
        byName.put(name, topic);
        byId.put(id, topic);
        return topic;
    }

    @Override
    public synchronized Optional<Topic> delete(String name) throws IOException {
        Topic topic = byName.get(name);
        if (topic == null) {
            return Optional.empty();
        }
        Map<String, Topic> next = new HashMap<>(byName);
        next.remove(name);
        persist(next.values());
        byName.remove(name);
        byId.remove(topic.id());
        return Optional.of(topic);
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith("topic.") || !key.endsWith(".name")) {
                continue;
            }
            String idText = key.substring("topic.".length(), key.length() - ".name".length());
            String prefix = "topic." + idText + ".";
            String partitions = p.getProperty(prefix + "partitions");
            if (partitions == null) {
                throw new IOException(file + ": topic " + idText + " has no partition count");
            }
            Map<String, String> configs = new HashMap<>();
            String configPrefix = prefix + "config.";
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith(configPrefix)) {
                    configs.put(k.substring(configPrefix.length()), p.getProperty(k));
                }
            }
            Topic topic = new Topic(p.getProperty(key), KafkaUuid.parse(idText), Integer.parseInt(partitions), configs);
            byName.put(topic.name(), topic);
            byId.put(topic.id(), topic);
        }
    }

    private void persist(Collection<Topic> topics) throws IOException {
        Properties p = new Properties();
        for (Topic topic : topics) {
            String prefix = "topic." + KafkaUuid.toString(topic.id()) + ".";
            p.setProperty(prefix + "name", topic.name());
            p.setProperty(prefix + "partitions", Integer.toString(topic.partitionCount()));
            topic.configs().forEach((k, v) -> p.setProperty(prefix + "config." + k, v));
        }
        StringWriter text = new StringWriter();
        p.store(text, "Spool topic registry");
        AtomicFiles.write(file, text.toString());
    }
}
