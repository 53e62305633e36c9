package io.spool.compat.cluster;

import io.spool.compat.SpoolBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** A partition's log bytes as one replica holds them on disk: its segment files, in offset order, end to end. */
final class ReplicaLogs {
    private ReplicaLogs() {
    }

    /** The concatenated {@code .log} segments of {@code topic-partition} in the broker's data directory. */
    static byte[] bytes(SpoolBroker broker, String topic, int partition) {
        Path dir = broker.dataDir().resolve(topic + "-" + partition);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
            for (Path segment : segments) {
                all.writeBytes(Files.readAllBytes(segment));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the segments in " + dir, e);
        }
        return all.toByteArray();
    }

    /** The first index at which the two differ, or -1 if they are equal. */
    static int firstDifference(byte[] a, byte[] b) {
        return Arrays.mismatch(a, b);
    }
}
