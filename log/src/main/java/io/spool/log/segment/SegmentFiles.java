package io.spool.log.segment;

import java.nio.file.Path;

/** Kafka's segment file names: the base offset as 20 zero-padded digits plus a suffix. */
public final class SegmentFiles {
    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** Appended to the names of files waiting for {@code file.delete.delay.ms} before removal. */
    public static final String DELETED_SUFFIX = ".deleted";
    /** Appended to the files of a segment compaction is still writing; such files are discarded on load. */
    public static final String CLEANED_SUFFIX = ".cleaned";
    /** Appended to the files of a written segment about to replace others; such a swap is completed on load. */
    public static final String SWAP_SUFFIX = ".swap";

    private SegmentFiles() {
    }

    public static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(name(baseOffset) + LOG_SUFFIX);
    }

    public static Path indexFile(Path dir, long baseOffset) {
        return dir.resolve(name(baseOffset) + INDEX_SUFFIX);
    }

    public static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(name(baseOffset) + TIME_INDEX_SUFFIX);
    }

    public static String name(long baseOffset) {
        return String.format("%020d", baseOffset);
    }

    /** The base offset of a file named {@code <20 digits><suffix>}, or -1 if the name is another kind. */
    public static long baseOffsetOf(Path file, String suffix) {
        String name = file.getFileName().toString();
        if (!name.endsWith(suffix) || name.length() != 20 + suffix.length()) {
            return -1L;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1L;
            }
        }
        return Long.parseLong(name.substring(0, 20));
    }
}
