package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupLineTest {
    @Test
    void findsTheLineAmongOtherOutput() {
        String output = "WARNING: unknown config foo\n"
                + "Spool started: listening on PLAINTEXT://127.0.0.1:40123 (node.id=1)\n"
                + "later log line\n";
        assertEquals(Optional.of(new StartupLine("127.0.0.1", 40123, 1)), StartupLine.find(output));
        assertEquals("127.0.0.1:40123", StartupLine.find(output).orElseThrow().bootstrapServers());
    }

    @Test
    void ignoresALineStillBeingWritten() {
        assertTrue(StartupLine.find("Spool started: listening on PLAINTEXT://127.0.0.1:4").isEmpty());
        assertEquals(Optional.of(new StartupLine("127.0.0.1", 4012, 3)),
                StartupLine.find("Spool started: listening on PLAINTEXT://127.0.0.1:4012 (node.id=3)\r\n"));
    }

    @Test
    void acceptsBracketedIpv6Hosts() {
        assertEquals(Optional.of(new StartupLine("[::1]", 9093, 0)),
                StartupLine.find("Spool started: listening on PLAINTEXT://[::1]:9093 (node.id=0)\n"));
    }

    @Test
    void rejectsLookalikes() {
        assertTrue(StartupLine.find("Spool starting: listening on PLAINTEXT://127.0.0.1:1 (node.id=1)\n").isEmpty());
        assertTrue(StartupLine.find("Spool started: listening on SSL://127.0.0.1:1 (node.id=1)\n").isEmpty());
        assertTrue(StartupLine.find("Spool started: listening on PLAINTEXT://127.0.0.1:x (node.id=1)\n").isEmpty());
        assertTrue(StartupLine.find("").isEmpty());
    }
}
