package io.spool.broker.producer;

import io.spool.broker.meta.AtomicFiles;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Producer ids from blocks reserved in a local file: before the first id of a block is handed out,
 * the block's end is written (atomically, fsynced) as the next start. After a crash the unused
 * rest of a block is skipped, never reissued.
 */
public final class FileProducerIdManager implements ProducerIdManager {
    public static final String FILE_NAME = "spool-producer-ids.properties";
    static final String NEXT_BLOCK_START = "next.block.start";

    private final Path file;
    private final int blockSize;
    private long next;
    private long blockEnd;

    private FileProducerIdManager(Path file, int blockSize, long start) {
        this.file = file;
        this.blockSize = blockSize;
        this.next = start;
        this.blockEnd = start;
    }

    public static FileProducerIdManager open(Path dir, int blockSize) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        long start = 0;
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
            String value = p.getProperty(NEXT_BLOCK_START);
            if (value == null) {
                throw new IOException(file + " has no " + NEXT_BLOCK_START);
            }
            start = Long.parseLong(value.trim());
        }
        return new FileProducerIdManager(file, blockSize, start);
    }

    @Override
    public synchronized long nextProducerId() throws IOException {
        if (next >= blockEnd) {
            long end = next + blockSize;
            AtomicFiles.write(file, "# Producer ids below this value may have been issued.\n" + NEXT_BLOCK_START + "=" + end + "\n");
            blockEnd = end;
        }
        return next++;
    }
}
