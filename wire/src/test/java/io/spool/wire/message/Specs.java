package io.spool.wire.message;

import io.spool.wire.codegen.MessageSpec;
import io.spool.wire.codegen.SpecReader;

import java.nio.file.Path;
import java.util.List;

/** The protocol specs the build unpacked from kafka-clients, as parsed by our generator's model. */
final class Specs {
    private static final List<MessageSpec> ALL = SpecReader.readAll(
            Path.of(System.getProperty("spool.kafkaSpecDir", "target/kafka-spec/common/message")));

    private Specs() {
    }

    /** Every spec that has at least one valid version (removed APIs keep a spec with none). */
    static List<MessageSpec> withVersions() {
        return ALL.stream().filter(s -> !s.validVersions().isEmpty()).toList();
    }

    static io.spool.wire.protocol.Message newOurs(String name) {
        try {
            return (io.spool.wire.protocol.Message) Class.forName("io.spool.wire.message." + name)
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no generated class for spec " + name, e);
        }
    }
}
