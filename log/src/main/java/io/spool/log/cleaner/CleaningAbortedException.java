package io.spool.log.cleaner;

/** Stops a compaction under way: the cleaner is shutting down or the log is being deleted. */
final class CleaningAbortedException extends RuntimeException {
    CleaningAbortedException() {
        super("compaction aborted", null, false, false);
    }
}
