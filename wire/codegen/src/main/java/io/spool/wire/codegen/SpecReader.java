package io.spool.wire.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads every {@code *.json} spec of a directory, sorted by file name. */
public final class SpecReader {
    private SpecReader() {
    }

    @SuppressWarnings("unchecked")
    public static List<MessageSpec> readAll(Path dir) {
        List<MessageSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    specs.add(MessageSpec.parse((Map<String, Object>) Json.parse(text)));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no *.json specs in " + dir);
        }
        return specs;
    }
}
