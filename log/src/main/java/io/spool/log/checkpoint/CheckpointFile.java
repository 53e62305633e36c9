package io.spool.log.checkpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint in Kafka's text layout: a version line ({@code 0}), a count line, then one entry a
 * line. Writes go to a temporary file that is synced and renamed over the old one, so a crash
 * leaves either the old checkpoint or the new one.
 */
public final class CheckpointFile<T> {
    /** How one entry becomes a line and back. */
    public interface LineFormat<T> {
        String format(T entry);

        /** @throws IllegalArgumentException if the line is not an entry */
        T parse(String line);
    }

    private static final int VERSION = 0;

    private final Path file;
    private final LineFormat<T> format;

    public CheckpointFile(Path file, LineFormat<T> format) {
        this.file = file;
        this.format = format;
    }

    public Path file() {
        return file;
    }

    public synchronized void write(Iterable<T> entries) throws IOException {
        List<String> lines = new ArrayList<>();
        for (T entry : entries) {
            lines.add(format.format(entry));
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            writer.write(VERSION + "\n" + lines.size() + "\n");
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.getParent());
    }

    /** The entries, or an empty list if the file does not exist. */
    public synchronized List<T> read() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int version = parseInt(reader.readLine(), "version");
            if (version != VERSION) {
                throw new IOException("unsupported checkpoint version " + version + " in " + file);
            }
            int count = parseInt(reader.readLine(), "entry count");
            if (count < 0) {
                throw new IOException("negative entry count in " + file);
            }
            List<T> entries = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                String line = reader.readLine();
                if (line == null) {
                    throw new IOException("checkpoint " + file + " ends after " + i + " of " + count + " entries");
                }
                try {
                    entries.add(format.parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IOException("malformed line '" + line + "' in " + file, e);
                }
            }
            String extra = reader.readLine();
            if (extra != null && !extra.isBlank()) {
                throw new IOException("checkpoint " + file + " has more than " + count + " entries");
            }
            return entries;
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private int parseInt(String line, String what) throws IOException {
        if (line == null) {
            throw new IOException("checkpoint " + file + " has no " + what + " line");
        }
        try {
            return Integer.parseInt(line.trim());
        } catch (NumberFormatException e) {
            throw new IOException("malformed " + what + " '" + line + "' in " + file, e);
        }
    }

    /** Makes the rename durable; not every platform can open a directory, which is then skipped. */
    static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Opening a directory for sync is not supported everywhere; the file itself is synced.
        }
    }
}
