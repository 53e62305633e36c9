package io.spool.wire.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build-time entry point: {@code Generator <specDir> <outputDir>} reads the protocol's JSON specs
 * and writes one Java class per message with valid versions, plus the ApiKey enum, into
 * {@code <outputDir>/io/spool/wire/message}.
 */
public final class Generator {
    private Generator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Generator <specDir> <outputDir>");
        }
        List<MessageSpec> specs = SpecReader.readAll(Path.of(args[0]));
        Path dir = Path.of(args[1]).resolve(MessageGenerator.PACKAGE.replace('.', '/'));
        Files.createDirectories(dir);
        try (Stream<Path> stale = Files.list(dir)) {
            for (Path p : stale.filter(p -> p.toString().endsWith(".java")).toList()) {
                Files.delete(p);
            }
        }
        int written = 0;
        for (MessageSpec spec : specs) {
            if (spec.validVersions().isEmpty()) {
                continue; // an API removed from the protocol keeps its spec file with "validVersions": "none"
            }
            write(dir, spec.name(), new MessageGenerator(spec).generate());
            written++;
        }
        write(dir, "ApiKey", ApiKeyGenerator.generate(ApiKeyGenerator.apis(specs)));
        write(dir, "package-info", "/**\n * Protocol messages generated from Kafka's JSON specs by io.spool.wire.codegen: one class per\n"
                + " * request, response, header and data spec, and the ApiKey enum. Depends only on io.spool.wire.protocol.\n */\n"
                + "package " + MessageGenerator.PACKAGE + ";\n");
        System.out.println("spool-wire-codegen: " + written + " messages from " + args[0] + " to " + dir);
    }

    private static void write(Path dir, String className, String source) throws IOException {
        Files.writeString(dir.resolve(className + ".java"), source, StandardCharsets.UTF_8);
    }
}
