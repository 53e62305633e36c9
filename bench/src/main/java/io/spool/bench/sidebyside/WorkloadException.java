package io.spool.bench.sidebyside;

/** A run of a workload failed; the message says which step and what the tool or broker said. */
final class WorkloadException extends RuntimeException {
    WorkloadException(String message) {
        super(message);
    }
}
