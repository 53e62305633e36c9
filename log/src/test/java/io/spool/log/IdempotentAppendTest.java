package io.spool.log;

import io.spool.log.errors.LogError;
import io.spool.log.errors.LogException;
import io.spool.log.producer.ProducerStateEntry;
import io.spool.log.time.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static io.spool.log.LogTest.NOW;
import static io.spool.log.LogTest.TP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka's sequence rules for idempotent producers, through the log's append. */
class IdempotentAppendTest {
    static final long PID = 4000L;

    @TempDir
    Path tmp;
    ManualTime time;
    ScheduledExecutorService scheduler;

    @BeforeEach
    void setUp() {
        time = new ManualTime(NOW);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    Log open(boolean clean, LogConfig config) throws IOException {
        return Log.open(tmp.resolve(TP.dirName()), TP, config, 0L, 0L, clean, 3_600_000L, time, scheduler);
    }

    AppendResult append(Log log, short epoch, int seq, int count) {
        return log.appendAsLeader(TestBatches.idempotent(PID, epoch, seq, count, time.milliseconds()), 0);
    }

    LogError failure(Log log, short epoch, int seq, int count) {
        return assertThrows(LogException.class, () -> append(log, epoch, seq, count)).error();
    }

    @Test
    void inOrderBatchesAreAppendedAndRetriesAnsweredWithTheirOffsets() throws IOException {
        Log log = open(true, LogConfig.defaults());
        assertEquals(0, append(log, (short) 0, 0, 3).firstOffset());
        log.appendAsLeader(TestBatches.batch(2, NOW), 0);
        assertEquals(5, append(log, (short) 0, 3, 2).firstOffset());
        AppendResult retry = append(log, (short) 0, 0, 3);
        assertTrue(retry.duplicate());
        assertEquals(0, retry.firstOffset());
        assertEquals(2, retry.lastOffset());
        assertEquals(7, log.logEndOffset(), "a duplicate writes nothing");
        assertEquals(new AppendResult(5, 6, -1, 0, true), append(log, (short) 0, 3, 2));
        log.close();
    }

    @Test
    void onlyTheLastFiveBatchesAreRemembered() throws IOException {
        Log log = open(true, LogConfig.defaults());
        for (int i = 0; i < 6; i++) {
            append(log, (short) 0, i, 1);
        }
        assertEquals(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, failure(log, (short) 0, 0, 1));
        assertTrue(append(log, (short) 0, 1, 1).duplicate());
        log.close();
    }

    @Test
    void gapsAndStaleEpochsAreRefused() throws IOException {
        Log log = open(true, LogConfig.defaults());
        append(log, (short) 3, 0, 2);
        assertEquals(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, failure(log, (short) 3, 5, 1));
        assertEquals(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, failure(log, (short) 3, 1, 1), "overlapping but not a retry");
        assertEquals(LogError.INVALID_PRODUCER_EPOCH, failure(log, (short) 2, 2, 1));
        assertEquals(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, failure(log, (short) 4, 2, 1), "a new epoch starts at 0");
        assertEquals(2, append(log, (short) 4, 0, 1).firstOffset());
        assertEquals(LogError.INVALID_PRODUCER_EPOCH, failure(log, (short) 3, 2, 1), "the old epoch is fenced");
        assertEquals(3, log.logEndOffset());
        log.close();
    }

    @Test
    void sequencesWrapAfterIntMax() throws IOException {
        Log log = open(true, LogConfig.defaults());
        append(log, (short) 0, Integer.MAX_VALUE - 1, 2);
        assertEquals(2, append(log, (short) 0, 0, 1).firstOffset());
        log.close();
    }

    @Test
    void anUnknownProducerMayStartAtAnySequence() throws IOException {
        Log log = open(true, LogConfig.defaults());
        assertEquals(0, append(log, (short) 1, 42, 1).firstOffset());
        log.close();
    }

    @Test
    void batchesOfOneRequestAreCheckedAgainstEachOther() throws IOException {
        Log log = open(true, LogConfig.defaults());
        AppendResult both = log.appendAsLeader(TestBatches.concat(TestBatches.idempotent(PID, (short) 0, 0, 2, NOW),
                TestBatches.idempotent(PID, (short) 0, 2, 2, NOW)), 0);
        assertEquals(3, both.lastOffset());
        LogException gap = assertThrows(LogException.class, () -> log.appendAsLeader(TestBatches.concat(
                TestBatches.idempotent(PID, (short) 0, 4, 1, NOW), TestBatches.idempotent(PID, (short) 0, 9, 1, NOW)), 0));
        assertEquals(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, gap.error());
        assertEquals(3, log.producerState().entry(PID).lastSeq(), "nothing of a refused append is kept");
        log.close();
    }

    @Test
    void stateSurvivesACleanRestartThroughTheSnapshot() throws IOException {
        Log log = open(true, LogConfig.defaults());
        append(log, (short) 0, 0, 2);
        append(log, (short) 0, 2, 2);
        log.close();
        assertTrue(Files.exists(tmp.resolve(TP.dirName()).resolve("00000000000000000004.snapshot")));
        Log reopened = open(true, LogConfig.defaults());
        assertEquals(new AppendResult(2, 3, -1, 0, true), append(reopened, (short) 0, 2, 2));
        assertEquals(LogError.OUT_OF_ORDER_SEQUENCE_NUMBER, failure(reopened, (short) 0, 9, 1));
        assertEquals(4, append(reopened, (short) 0, 4, 1).firstOffset());
        reopened.close();
    }

    @Test
    void stateIsRebuiltFromTheLogAfterAnUncleanRestart() throws IOException {
        int batchSize = TestBatches.idempotent(PID, (short) 0, 0, 1, NOW).readableBytes();
        LogConfig config = LogConfig.defaults().withOverrides(
                java.util.Map.of(LogConfig.SEGMENT_BYTES, Integer.toString(batchSize * 2)));
        Log log = open(true, config);
        for (int seq = 0; seq < 5; seq++) {
            append(log, (short) 0, seq, 1);
        }
        // No close: the snapshots taken on roll and the batches after them are all there is.
        Log reopened = open(false, config);
        ProducerStateEntry entry = reopened.producerState().entry(PID);
        assertEquals(4, entry.lastSeq());
        assertTrue(append(reopened, (short) 0, 4, 1).duplicate());
        assertEquals(5, append(reopened, (short) 0, 5, 1).firstOffset());
        reopened.close();
        log.close();
    }

    @Test
    void idleProducersExpire() throws IOException {
        Log log = open(true, LogConfig.defaults());
        append(log, (short) 0, 0, 1);
        time.advance(3_600_000L);
        log.removeExpiredProducers();
        assertNull(log.producerState().entry(PID));
        assertFalse(append(log, (short) 0, 7, 1).duplicate());
        log.close();
    }
}
