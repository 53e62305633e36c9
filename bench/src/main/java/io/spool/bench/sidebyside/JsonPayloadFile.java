package io.spool.bench.sidebyside;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic file of JSON events, one per line, shaped like a shop's clickstream (nested
 * objects, repeated keys, ids, URLs, prices): compressible the way real JSON traffic is, not like
 * random bytes or one repeated character. Same seed, same file.
 */
final class JsonPayloadFile {
    private static final String[] TYPES = {"page_view", "page_view", "page_view", "add_to_cart", "search", "checkout"};
    private static final String[] COUNTRIES = {"DE", "US", "FR", "GB", "NL", "PL", "SE", "ES", "IT", "JP", "BR", "IN"};
    private static final String[] TIERS = {"free", "free", "silver", "gold"};
    private static final String[] CATEGORIES = {"shoes", "jackets", "tents", "backpacks", "socks", "stoves", "maps"};
    private static final String[] ADJECTIVES = {"Trail", "Ultralight", "Waterproof", "Alpine", "Classic", "Insulated"};
    private static final String[] OS = {"Android 14", "iOS 17.4", "Windows 11", "macOS 14.3", "Linux"};
    private static final String[] BROWSERS = {"Chrome 122.0.6261.64", "Safari 17.3", "Firefox 123.0", "Edge 122.0.2365"};
    private static final String[] SCREENS = {"1080x2400", "1170x2532", "1920x1080", "2560x1440", "1366x768"};

    private JsonPayloadFile() {
    }

    static void write(Path file, int lines, long seed) throws IOException {
        Random random = new Random(seed);
        long time = 1_710_000_000_000L;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                time += random.nextInt(2_000);
                out.write(event(random, time));
                out.write('\n');
            }
        }
    }

    static String event(Random random, long epochMillis) {
        int user = 100_000 + random.nextInt(900_000);
        int product = random.nextInt(10_000);
        String category = pick(random, CATEGORIES);
        StringBuilder json = new StringBuilder(1024);
        json.append("{\"event_id\":\"").append(new UUID(random.nextLong(), random.nextLong()))
                .append("\",\"type\":\"").append(pick(random, TYPES))
                .append("\",\"ts\":\"").append(Instant.ofEpochMilli(epochMillis))
                .append("\",\"session\":\"s-").append(Integer.toHexString(random.nextInt()))
                .append("\",\"user\":{\"id\":").append(user)
                .append(",\"name\":\"User ").append(user)
                .append("\",\"email\":\"user").append(user).append("@example.com")
                .append("\",\"country\":\"").append(pick(random, COUNTRIES))
                .append("\",\"tier\":\"").append(pick(random, TIERS))
                .append("\"},\"page\":{\"url\":\"https://shop.example.com/").append(category).append("/products/")
                .append(product).append("?ref=").append(random.nextBoolean() ? "search" : "home")
                .append("\",\"title\":\"").append(pick(random, ADJECTIVES)).append(' ').append(category)
                .append(' ').append(product)
                .append("\",\"category\":\"").append(category)
                .append("\"},\"device\":{\"os\":\"").append(pick(random, OS))
                .append("\",\"browser\":\"").append(pick(random, BROWSERS))
                .append("\",\"screen\":\"").append(pick(random, SCREENS))
                .append("\"},\"cart\":[");
        int items = random.nextInt(6);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"sku\":\"SKU-").append(String.format(Locale.ROOT, "%06d", random.nextInt(10_000)))
                    .append("\",\"qty\":").append(1 + random.nextInt(3))
                    .append(",\"price\":").append(String.format(Locale.ROOT, "%.2f", 5 + random.nextInt(30_000) / 100.0))
                    .append('}');
        }
        json.append("],\"metrics\":{\"load_ms\":").append(80 + random.nextInt(1_500))
                .append(",\"ttfb_ms\":").append(10 + random.nextInt(300))
                .append(",\"cached\":").append(random.nextBoolean())
                .append("}}");
        return json.toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
