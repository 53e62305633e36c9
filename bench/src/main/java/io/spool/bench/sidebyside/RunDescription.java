package io.spool.bench.sidebyside;

import java.nio.file.Path;
import java.time.Instant;

/** Facts about the whole benchmark run that head the report. */
record RunDescription(Path root, Instant date, String command, Sizes sizes, MachineInfo machine, String loadAtStart,
                      String loadAtEnd, String kafkaVersion, String spoolRevision) {
}
