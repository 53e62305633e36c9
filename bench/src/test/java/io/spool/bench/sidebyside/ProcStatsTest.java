package io.spool.bench.sidebyside;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatsTest {
    @Test
    void utimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1077 114 0 0 20 0 42 0 123 "
                + "3150908160 25930 18446744073709551615 1 1 0 0 0 0 0 4096 16899";
        assertEquals(1077 + 114, ProcStats.cpuTicks(stat));
    }

    @Test
    void rssFromStatus() {
        assertEquals(169_720, ProcStats.rssKib(List.of("Name:\tjava", "VmPeak:\t 3150908 kB", "VmRSS:\t  169720 kB")));
        assertThrows(IllegalArgumentException.class, () -> ProcStats.rssKib(List.of("Name:\tzombie")));
    }

    @Test
    void readsThisProcess() throws IOException, InterruptedException {
        ProcStats stats = ProcStats.forThisMachine();
        long pid = ProcessHandle.current().pid();
        assertTrue(stats.cpuSeconds(pid) > 0);
        assertTrue(stats.rssKib(pid) > 0);
    }
}
