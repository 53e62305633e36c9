package io.spool.broker.it;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fetch over a raw socket: waiting for min_bytes, wake-up by an append, expiry, out-of-range offsets. */
class FetchIT {
    @TempDir
    Path dataDir;
    TestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(dataDir);
        try (RawClient client = new RawClient(broker.port())) {
            client.roundTrip(Requests.createTopics(Requests.topic("wait", 1, 1)));
        }
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void waitingFetchIsAnsweredByAnAppend() throws Exception {
        try (RawClient consumer = new RawClient(broker.port()); RawClient producer = new RawClient(broker.port())) {
            // Waits far longer than the test may take: only the append can answer it with data.
            RequestHeader pending = consumer.send(Requests.fetch("wait", 0, 0, 600_000, 1));
            // A later request on the same connection is answered after the waiting one (request order).
            RequestHeader second = consumer.send(Requests.fetch("wait", 0, 0, 0, 1));
            ProduceResponse produced = producer.roundTrip(Requests.produce("wait", 0,
                    MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("hello".getBytes())), (short) 1, (short) 11));
            assertEquals(0, produced.data().responses().iterator().next().partitionResponses().get(0).baseOffset());

            FetchResponse first = (FetchResponse) consumer.receive(pending);
            assertEquals(List.of("hello"), values(partition(first)));
            assertEquals(1, partition(first).highWatermark());
            // Parsing checks the correlation id: the immediate fetch came back second.
            FetchResponse then = (FetchResponse) consumer.receive(second);
            assertEquals(Errors.NONE.code(), partition(then).errorCode());
        }
    }

    @Test
    void waitingFetchExpiresEmpty() throws Exception {
        try (RawClient consumer = new RawClient(broker.port())) {
            FetchResponse response = consumer.roundTrip(Requests.fetch("wait", 0, 0, 50, 1));
            assertEquals(Errors.NONE.code(), partition(response).errorCode());
            assertEquals(List.of(), values(partition(response)));
            assertEquals(0, response.sessionId());
        }
    }

    @Test
    void offsetBeyondTheLogEndIsOutOfRange() throws Exception {
        try (RawClient consumer = new RawClient(broker.port())) {
            FetchResponse response = consumer.roundTrip(Requests.fetch("wait", 0, 5, 0, 1));
            assertEquals(Errors.OFFSET_OUT_OF_RANGE.code(), partition(response).errorCode());
            assertEquals(0, partition(response).highWatermark());
            FetchResponse unknown = consumer.roundTrip(Requests.fetch("nope", 0, 0, 0, 1));
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), partition(unknown).errorCode());
        }
    }

    private static PartitionData partition(FetchResponse response) {
        return response.data().responses().get(0).partitions().get(0);
    }

    private static List<String> values(PartitionData data) {
        List<String> values = new ArrayList<>();
        for (Record r : ((MemoryRecords) data.records()).records()) {
            byte[] bytes = new byte[r.valueSize()];
            r.value().get(bytes);
            values.add(new String(bytes));
        }
        return values;
    }
}
