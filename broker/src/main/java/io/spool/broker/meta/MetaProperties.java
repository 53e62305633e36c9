package io.spool.broker.meta;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.random.RandomGenerator;

/**
 * A log directory's {@code meta.properties} in Kafka's shape ({@code version=1}, {@code cluster.id},
 * {@code node.id}, {@code directory.id}). {@link #ensure} makes every directory agree with the
 * cluster id in ZooKeeper and the configured node id, creating the file where it is missing.
 */
public record MetaProperties(String clusterId, int nodeId, String directoryId) {
    public static final String FILE_NAME = "meta.properties";

    /** Reads {@code dir/meta.properties}; empty when the file does not exist. Version 0 files (broker.id) are read too. */
    public static Optional<MetaProperties> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String version = p.getProperty("version", "0");
        String clusterId = p.getProperty("cluster.id");
        String id = p.getProperty(version.equals("0") ? "broker.id" : "node.id");
        if (clusterId == null || id == null) {
            throw new IllegalStateException(file + " lacks cluster.id or node.id");
        }
        try {
            return Optional.of(new MetaProperties(clusterId, Integer.parseInt(id.trim()), p.getProperty("directory.id")));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " has a non-numeric node id '" + id + "'");
        }
    }

    /**
     * The cluster id the log directories (created if missing) already belong to, empty when none has
     * a meta.properties yet. Throws IllegalStateException when they belong to another node or to
     * different clusters.
     */
    public static Optional<String> existingClusterId(List<Path> dirs, int nodeId) throws IOException {
        String clusterId = null;
        for (Path dir : dirs) {
            Files.createDirectories(dir);
            Optional<MetaProperties> meta = read(dir);
            if (meta.isEmpty()) {
                continue;
            }
            if (meta.get().nodeId() != nodeId) {
                throw new IllegalStateException("Log directory " + dir + " belongs to node " + meta.get().nodeId()
                        + " but node.id is " + nodeId);
            }
            if (clusterId != null && !clusterId.equals(meta.get().clusterId())) {
                throw new IllegalStateException("Log directories belong to different clusters: " + clusterId
                        + " and " + meta.get().clusterId() + " (" + dir + ")");
            }
            clusterId = meta.get().clusterId();
        }
        return Optional.ofNullable(clusterId);
    }

    /**
     * Checks that every log directory belongs to {@code clusterId} (the id stored in ZooKeeper) and
     * {@code nodeId}, writing meta.properties where it is missing. Throws IllegalStateException
     * when a directory belongs to another node or another cluster.
     */
    public static void ensure(List<Path> dirs, int nodeId, String clusterId, RandomGenerator random) throws IOException {
        Optional<String> existing = existingClusterId(dirs, nodeId);
        if (existing.isPresent() && !existing.get().equals(clusterId)) {
            throw new IllegalStateException("The log directories " + dirs + " belong to cluster " + existing.get()
                    + " but ZooKeeper holds cluster " + clusterId + ": point zookeeper.connect at the ensemble of cluster "
                    + existing.get() + ", or use empty log directories to join cluster " + clusterId);
        }
        for (Path dir : dirs) {
            if (read(dir).isEmpty()) {
                new MetaProperties(clusterId, nodeId, KafkaUuid.toString(KafkaUuid.random(random))).write(dir);
            }
        }
    }

    void write(Path dir) throws IOException {
        StringBuilder text = new StringBuilder("# Written by Spool; Kafka's meta.properties layout.\n")
                .append("version=1\n")
                .append("cluster.id=").append(clusterId).append('\n')
                .append("node.id=").append(nodeId).append('\n');
        if (directoryId != null) {
            text.append("directory.id=").append(directoryId).append('\n');
        }
        AtomicFiles.write(dir.resolve(FILE_NAME), text.toString());
    }
}
