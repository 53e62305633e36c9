package io.spool.replication.zk;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The text inside the znodes: java.util.Properties (readable with {@code zkCli.sh get}), lists of
 * broker ids as {@code 1,2,3}, topic ids in Kafka's URL-safe base64.
 */
public final class ZkText {
    private ZkText() {
    }

    public static byte[] encode(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Drop the timestamp comment Properties.store writes first, so equal content is equal bytes.
        String text = out.toString();
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                kept.append(line).append('\n');
            }
        }
        return sorted(kept.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static String sorted(String lines) {
        List<String> list = new ArrayList<>(List.of(lines.split("\n")));
        list.removeIf(String::isBlank);
        list.sort(null);
        return String.join("\n", list) + "\n";
    }

    /** The properties in {@code data}; an empty map for null or empty data. */
    public static Map<String, String> decode(byte[] data) {
        Map<String, String> result = new TreeMap<>();
        if (data == null || data.length == 0) {
            return result;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(data, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Unreadable znode content: " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            result.put(key, p.getProperty(key));
        }
        return result;
    }

    public static String ints(List<Integer> ids) {
        StringBuilder b = new StringBuilder();
        for (int id : ids) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(id);
        }
        return b.toString();
    }

    public static List<Integer> parseInts(String text) {
        List<Integer> result = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String part : text.split(",")) {
            result.add(Integer.parseInt(part.trim()));
        }
        return result;
    }

    /** A required property as an int; IllegalArgumentException names the key when it is missing or not a number. */
    public static int intValue(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + v);
        }
    }

    public static String uuid(UUID id) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    public static UUID parseUuid(String text) {
        byte[] bytes = Base64.getUrlDecoder().decode(text.trim());
        if (bytes.length != 16) {
            throw new IllegalArgumentException("not a topic id: " + text);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong());
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] data) {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8).trim();
    }
}
