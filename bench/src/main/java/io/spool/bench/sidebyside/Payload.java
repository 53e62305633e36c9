package io.spool.bench.sidebyside;

import java.nio.file.Path;
import java.util.List;

/** What ProducerPerformance sends: fixed-size records, or lines of a payload file picked at random. */
record Payload(int recordSize, Path file) {
    static Payload ofSize(int bytes) {
        return new Payload(bytes, null);
    }

    static Payload fromFile(Path file) {
        return new Payload(0, file);
    }

    List<String> args() {
        return file == null ? List.of("--record-size", Integer.toString(recordSize))
                : List.of("--payload-file", file.toString());
    }
}
