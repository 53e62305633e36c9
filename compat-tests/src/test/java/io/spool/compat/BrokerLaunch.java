package io.spool.compat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to start a broker process: its class path, main class, and where its output files go. The compat tests
 * use {@link #packaged()}; the harness's own test substitutes a stand-in main class.
 */
public record BrokerLaunch(String classpath, String mainClass, Path outputDir) {

    /** The broker jar and its libraries as the reactor packaged them; paths come from failsafe's properties. */
    public static BrokerLaunch packaged() {
        Path jar = Path.of(requiredProperty("spool.broker.jar"));
        Path lib = Path.of(requiredProperty("spool.broker.lib"));
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new AssertionError("broker not packaged: expected " + jar + " and " + lib
                    + "; build it in the reactor, e.g. mvn -pl compat-tests -am verify");
        }
        return new BrokerLaunch(jar + File.pathSeparator + lib + File.separator + "*", "io.spool.broker.SpoolServer",
                Path.of(requiredProperty("spool.compat.logs.dir")));
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError("system property " + name + " is not set; run the compat tests through failsafe");
        }
        return value;
    }
}
