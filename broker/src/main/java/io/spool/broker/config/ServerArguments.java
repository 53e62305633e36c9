package io.spool.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The command line {@code [config-file] [--override key=value ...]}: properties from the file, then
 * the overrides on top, later ones winning.
 */
public final class ServerArguments {
    private ServerArguments() {
    }

    /** The merged properties; throws ConfigException for a malformed command line or unreadable file. */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> props = new LinkedHashMap<>();
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            props.putAll(load(Path.of(args[0])));
            i = 1;
        }
        for (; i < args.length; i++) {
            if (!args[i].equals("--override") || i + 1 >= args.length) {
                throw new ConfigException("Usage: SpoolServer [server.properties] [--override key=value ...]; unexpected argument '" + args[i] + "'");
            }
            String pair = args[++i];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--override expects key=value, got '" + pair + "'");
            }
            props.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return props;
    }

    /** Reads a properties file (Java properties syntax, as Kafka's server.properties). */
    public static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> result = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> result.put(k, properties.getProperty(k)));
        return result;
    }
}
