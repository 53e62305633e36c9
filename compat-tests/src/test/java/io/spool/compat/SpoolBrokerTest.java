package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's process handling, exercised with {@link StandInBroker} in place of the real broker. */
class SpoolBrokerTest {
    @TempDir
    Path outputDir;

    @Test
    void startsStopsKillsAndRestartsOnTheSamePortAndDataDirectory() {
        Path dataDir;
        try (SpoolBroker broker = SpoolBroker.start(standIn(), "lifecycle", Map.of())) {
            dataDir = broker.dataDir();
            int port = broker.port();
            assertTrue(port > 0, "ephemeral port resolved");
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            assertEquals(7, broker.nodeId());
            assertTrue(accepts(port), "listening");
            assertTrue(Files.isDirectory(dataDir), "log.dirs handed to the process");

            broker.stop();
            assertFalse(accepts(port), "stopped");
            assertEquals(1, count(broker.output(), "stand-in stopped cleanly"), "SIGTERM ran shutdown hooks");

            broker.restart();
            assertEquals(port, broker.port(), "restarted on the same port");
            assertTrue(accepts(port), "listening again");

            broker.kill9();
            assertFalse(accepts(port), "killed");
            assertEquals(1, count(broker.output(), "stand-in stopped cleanly"), "SIGKILL ran no shutdown hook");

            broker.restart();
            assertTrue(accepts(port), "listening after the crash");
            assertEquals(3, count(broker.output(), "Spool started"), "three starts in one output file");
        }
        assertFalse(Files.exists(dataDir), "data directory deleted on close");
    }

    @Test
    void failedStartReportsTheProcessOutput() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> SpoolBroker.start(standIn(), "failing", Map.of("stand-in.fail", "true")));
        assertTrue(error.getMessage().contains("exited with code 1"), error.getMessage());
        assertTrue(error.getMessage().contains("stand-in refuses to start"), error.getMessage());
    }

    private BrokerLaunch standIn() {
        String classes = StandInBroker.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        return new BrokerLaunch(classes, StandInBroker.class.getName(), outputDir);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
