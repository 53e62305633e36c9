package io.spool.compat;

import java.lang.reflect.InvocationTargetException;
import java.security.CodeSource;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Which kafka-clients release this test JVM runs; each failsafe execution puts a different one on the classpath. */
public final class ClientGeneration {
    /** AppInfoParser moved to an internals package in 4.x; the loaded release has one of the two. */
    private static final String[] APP_INFO_PARSERS = {
        "org.apache.kafka.common.utils.internals.AppInfoParser",
        "org.apache.kafka.common.utils.AppInfoParser",
    };

    private ClientGeneration() {
    }

    /** The version the build meant to put on the classpath. */
    public static String expected() {
        String version = System.getProperty("spool.compat.kafka.version");
        if (version == null) {
            throw new AssertionError("system property spool.compat.kafka.version is not set; run through failsafe");
        }
        return version;
    }

    /** The version the loaded kafka-clients reports for itself ({@code AppInfoParser.getVersion()}). */
    public static String loaded() {
        for (String name : APP_INFO_PARSERS) {
            try {
                return (String) Class.forName(name).getMethod("getVersion").invoke(null);
            } catch (ClassNotFoundException e) {
                // not this release's location; try the other
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot ask " + name + " for its version", e instanceof InvocationTargetException
                        ? e.getCause() : e);
            }
        }
        throw new AssertionError("no AppInfoParser in the loaded kafka-clients at " + location());
    }

    /** The major version of the loaded kafka-clients: 4 for 4.4.0, 3 for 3.9.2. */
    public static int loadedMajor() {
        String version = loaded();
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** Where the loaded kafka-clients classes come from. */
    public static String location() {
        CodeSource source = KafkaProducer.class.getProtectionDomain().getCodeSource();
        return source == null ? "unknown" : String.valueOf(source.getLocation());
    }
}
