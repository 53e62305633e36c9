package io.spool.log.index;

/** An index file whose contents cannot be right; the segment rebuilds it from the log. */
public final class IndexCorruptException extends RuntimeException {
    public IndexCorruptException(String message) {
        super(message);
    }
}
