package io.spool.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The directory of Apache Kafka jars (bench/target/kafka-lib) and the one Kafka version it holds. */
final class KafkaLib {
    private static final String BROKER_JAR_PREFIX = "kafka_2.13-";

    private KafkaLib() {
    }

    /** @throws IllegalStateException unless exactly one Kafka version is there (a stale copy would mix two) */
    static String version(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing; build with: mvn -Pbench -DskipTests package -pl bench -am");
        }
        List<String> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(BROKER_JAR_PREFIX) && n.endsWith(".jar"))
                    .toList();
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected one " + BROKER_JAR_PREFIX + "*.jar in " + lib + ", found " + jars
                    + "; delete the directory and build again");
        }
        String jar = jars.get(0);
        return jar.substring(BROKER_JAR_PREFIX.length(), jar.length() - ".jar".length());
    }
}
