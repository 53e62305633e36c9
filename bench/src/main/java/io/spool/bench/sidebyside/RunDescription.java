package io.spool.bench.sidebyside;

import java.time.Instant;

/** Facts about the whole benchmark run that head the report. */
record RunDescription(Instant date, String command, Sizes sizes, MachineInfo machine, String loadAtStart,
                      String loadAtEnd, String kafkaVersion, String spoolRevision) {
}
