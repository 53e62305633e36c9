package io.spool.broker.it;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotent produce over a raw socket: duplicates, sequence gaps and producer ids across a restart. */
class ProducerStateIT {
    @TempDir
    Path dataDir;
    TestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(dataDir, "num.partitions", "1");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void duplicatesAreAnsweredWithTheirOffsetsAlsoAfterARestart() throws Exception {
        long producerId;
        try (RawClient client = new RawClient(broker.port())) {
            client.roundTrip(Requests.createTopics(Requests.topic("idem", 1, 1)));
            InitProducerIdResponse init = client.roundTrip(Requests.initProducerId());
            assertEquals(Errors.NONE, init.error());
            producerId = init.data().producerId();
            assertEquals(0, init.data().producerEpoch());

            assertEquals(0, produce(client, producerId, 0, 3).baseOffset());
            PartitionProduceResponse duplicate = produce(client, producerId, 0, 3);
            assertEquals(Errors.NONE.code(), duplicate.errorCode());
            assertEquals(0, duplicate.baseOffset());
            assertEquals(3, produce(client, producerId, 3, 2).baseOffset());
            assertEquals(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code(), produce(client, producerId, 10, 1).errorCode());
            assertEquals(5, latest(client));
        }

        broker.restart();

        try (RawClient client = new RawClient(broker.port())) {
            PartitionProduceResponse duplicate = produce(client, producerId, 3, 2);
            assertEquals(Errors.NONE.code(), duplicate.errorCode());
            assertEquals(3, duplicate.baseOffset());
            assertEquals(5, produce(client, producerId, 5, 1).baseOffset());
            assertEquals(6, latest(client));
            InitProducerIdResponse next = client.roundTrip(Requests.initProducerId());
            assertTrue(next.data().producerId() > producerId, "producer ids are not reused after a restart");
        }
    }

    private static PartitionProduceResponse produce(RawClient client, long producerId, int sequence, int count) throws Exception {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            // Timestamped as real producers do: a producer whose last batch has no timestamp counts as expired on reload.
            records[i] = new SimpleRecord(System.currentTimeMillis(), null, ("value-" + (sequence + i)).getBytes());
        }
        MemoryRecords batch = MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, (short) 0, sequence, records);
        ProduceResponse response = client.roundTrip(Requests.produce("idem", 0, batch, (short) -1, (short) 12));
        return response.data().responses().iterator().next().partitionResponses().get(0);
    }

    private static long latest(RawClient client) throws Exception {
        ListOffsetsResponse response = client.roundTrip(Requests.latestOffset("idem", 0));
        return response.data().topics().get(0).partitions().get(0).offset();
    }
}
