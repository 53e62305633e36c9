package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kill -9 in the middle of a produce stream loses nothing acknowledged and duplicates nothing retried. */
class CrashRecoveryIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(2);
    private static final int BATCH_OF_ACKS = 20_000;

    @Test
    void acknowledgedRecordsSurviveKill9AndRetriesAreNotDuplicated() {
        String topic = "crash";
        int partitions = 3;
        SpoolBroker broker = BROKER.broker();
        Topics.create(broker.bootstrapServers(), topic, partitions, Map.of());
        try (StreamingProducer stream = StreamingProducer.start(broker.bootstrapServers(), topic, partitions)) {
            stream.awaitAcknowledged(BATCH_OF_ACKS, PROGRESS_TIMEOUT);
            assertTrue(stream.inFlight() > 0, "records in flight when the broker goes down");
            broker.kill9();
            int acknowledgedAtCrash = stream.acknowledged();
            broker.restart();
            stream.awaitAcknowledged(acknowledgedAtCrash + BATCH_OF_ACKS, PROGRESS_TIMEOUT);
            stream.finish();
            assertEquals(List.of(), stream.failures(), "the producer rides through the crash by retrying");
            stream.assertLogHoldsAcknowledged(
                    PartitionReader.readAll(broker.bootstrapServers(), PartitionReader.partitions(topic, partitions)));
        }
    }

    @Test
    void idempotentProducerStateSurvivesKill9() {
        String topic = "crash-producer-state";
        Topics.create(BROKER.bootstrapServers(), topic, 1, Map.of());
        ProducerStateProbe.assertSurvives(BROKER.broker(), topic, broker -> {
            broker.kill9();
            broker.restart();
        });
    }
}
