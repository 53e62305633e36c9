package io.spool.wire.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build-time entry point: {@code Generator <specDir> <outputDir> [<package>]} reads JSON specs and
 * writes one Java class per spec with valid versions into {@code <outputDir>/<package>}. The
 * package defaults to {@code io.spool.wire.message}, the protocol's messages, which also get the
 * ApiKey enum; another package takes other spec sets, such as the record schemas of Kafka's
 * internal topics (types "coordinator-key" and "coordinator-value"), which are plain messages.
 */
public final class Generator {
    private Generator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            throw new IllegalArgumentException("usage: Generator <specDir> <outputDir> [<package>]");
        }
        String packageName = args.length == 3 ? args[2] : MessageGenerator.PROTOCOL_PACKAGE;
        boolean protocol = packageName.equals(MessageGenerator.PROTOCOL_PACKAGE);
        List<MessageSpec> specs = SpecReader.readAll(Path.of(args[0]));
        Path dir = Path.of(args[1]).resolve(packageName.replace('.', '/'));
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
            write(dir, spec.name(), new MessageGenerator(spec, packageName).generate());
            written++;
        }
        String contents;
        if (protocol) {
            write(dir, "ApiKey", ApiKeyGenerator.generate(ApiKeyGenerator.apis(specs)));
            contents = "Protocol messages generated from Kafka's JSON specs by io.spool.wire.codegen: one class per\n"
                    + " * request, response, header and data spec, and the ApiKey enum.";
        } else {
            contents = "Classes generated from Kafka's JSON specs by io.spool.wire.codegen, one per spec.";
        }
        write(dir, "package-info", "/**\n * " + contents + " Depends only on io.spool.wire.protocol.\n */\n"
                + "package " + packageName + ";\n");
        System.out.println("spool-wire-codegen: " + written + " messages from " + args[0] + " to " + dir);
    }

    private static void write(Path dir, String className, String source) throws IOException {
        Files.writeString(dir.resolve(className + ".java"), source, StandardCharsets.UTF_8);
    }
}
