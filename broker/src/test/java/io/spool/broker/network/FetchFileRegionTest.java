package io.spool.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spool.broker.api.HandlerRegistry;
import io.spool.broker.api.fetch.DelayedFetches;
import io.spool.broker.api.fetch.FetchHandler;
import io.spool.broker.api.produce.ProduceHandler;
import io.spool.broker.api.PartitionLookup;
import io.spool.log.LogConfig;
import io.spool.log.LogManager;
import io.spool.log.LogManagerConfig;
import io.spool.log.TopicPartition;
import io.spool.log.time.Time;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.PartitionInfo;
import io.spool.replication.cluster.PartitionState;
import io.spool.replication.cluster.TopicInfo;
import io.spool.replication.partition.HighWatermarkCheckpoints;
import io.spool.replication.partition.ReplicaConfig;
import io.spool.replication.partition.ReplicaManager;
import io.spool.wire.netty.FrameDecoder;
import io.spool.wire.netty.RequestDecoder;
import io.spool.wire.netty.ResponseEncoder;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real fetch through the broker's connection pipeline (frame decoder, request decoder, connection
 * handler with the Produce and Fetch handlers over a real log, response encoder): the record bytes
 * leave as a FileRegion over the segment, never in a ByteBuf, and the response reads back whole.
 */
class FetchFileRegionTest {
    private static final String TOPIC = "zero-copy";

    @TempDir
    Path dataDir;
    LogManager logs;
    ReplicaManager replicas;
    EmbeddedChannel channel;
    int correlationId;

    @BeforeEach
    void start() throws Exception {
        logs = LogManager.start(new LogManagerConfig(List.of(dataDir), 300_000, 60_000, 60_000, 1_000, 86_400_000, 600_000),
                LogConfig.defaults(), name -> LogConfig.defaults(), Time.SYSTEM);
        DelayedFetches delayed = new DelayedFetches();
        replicas = new ReplicaManager(1, logs, new ReplicaConfig(30_000, 1 << 20, 10 << 20, 500, 1, 100, 30_000, 1, 60_000,
                Optional.empty()), (tp, state, isr) -> CompletableFuture.completedFuture(Optional.empty()), Time.SYSTEM, delayed,
                new HighWatermarkCheckpoints(List.of(dataDir)));
        replicas.onImage(new ClusterImage("c", 1, Map.of(), Map.of(), Map.of()), soleLeaderImage());
        PartitionLookup partitions = new PartitionLookup(replicas);
        HandlerRegistry registry = new HandlerRegistry();
        registry.register(new ProduceHandler(partitions));
        registry.register(new FetchHandler(partitions, delayed));
        channel = new EmbeddedChannel(new FrameDecoder(1 << 20), ResponseEncoder.INSTANCE, new RequestDecoder(registry),
                new ConnectionHandler(registry, "PLAINTEXT"));
    }

    /** Broker 1 alone holds and leads the topic's one partition. */
    private static ClusterImage soleLeaderImage() {
        UUID id = UUID.randomUUID();
        PartitionInfo partition = new PartitionInfo(new TopicPartition(TOPIC, 0), id, List.of(1),
                Optional.of(new PartitionState(1, 0, List.of(1), 1, 0)));
        TopicInfo topic = new TopicInfo(TOPIC, id, Map.of(), List.of(partition));
        BrokerInfo self = new BrokerInfo(1, List.of(new BrokerEndpoint("PLAINTEXT", "PLAINTEXT", "127.0.0.1", 1)), Optional.empty());
        return new ClusterImage("c", 1, Map.of(1, self), Map.of(TOPIC, topic), Map.of(id, topic));
    }

    @AfterEach
    void stop() throws Exception {
        channel.finishAndReleaseAll();
        replicas.close();
        logs.shutdown();
    }

    @Test
    void fetchedRecordsLeaveAsAFileRegion() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("k1".getBytes(), "first value".getBytes()), new SimpleRecord("k2".getBytes(), "second".getBytes()));
        byte[] batch = new byte[records.sizeInBytes()];
        records.buffer().duplicate().get(batch);
        ProduceRequestData produce = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(30_000);
        produce.topicData().add(new ProduceRequestData.TopicProduceData().setName(TOPIC).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records))));
        ProduceResponse produced = (ProduceResponse) parse(send(new ProduceRequest(produce, (short) 9)), outbound());
        assertEquals(Errors.NONE.code(), produced.data().responses().iterator().next().partitionResponses().get(0).errorCode());

        Map<org.apache.kafka.common.TopicPartition, FetchRequest.PartitionData> fetch = new LinkedHashMap<>();
        fetch.put(new org.apache.kafka.common.TopicPartition(TOPIC, 0), new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, -1, 1 << 20, Optional.empty()));
        RequestHeader header = send(FetchRequest.Builder.forConsumer((short) 12, 0, 1, fetch).build((short) 12));
        List<Object> parts = outbound();

        List<FileRegion> regions = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof FileRegion region) {
                regions.add(region);
            } else {
                ByteBuf buf = (ByteBuf) part;
                assertTrue(indexOf(buf, batch, 21) < 0, "no ByteBuf carries the record bytes");
            }
        }
        assertEquals(1, regions.size(), "one file region: " + parts);
        assertEquals(batch.length, regions.get(0).count());
        FetchResponse response = (FetchResponse) parse(header, parts);
        var partition = response.data().responses().get(0).partitions().get(0);
        assertEquals(Errors.NONE.code(), partition.errorCode());
        MemoryRecords fetched = (MemoryRecords) partition.records();
        List<String> values = new ArrayList<>();
        fetched.records().forEach(r -> values.add(r.offset() + "=" + new String(org.apache.kafka.common.utils.Utils.toArray(r.value()))));
        assertEquals(List.of("0=first value", "1=second"), values);
    }

    private RequestHeader send(AbstractRequest request) {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "zero-copy-test", ++correlationId);
        ByteBuffer payload = request.serializeWithHeader(header);
        ByteBuf frame = Unpooled.buffer(4 + payload.remaining()).writeInt(payload.remaining()).writeBytes(payload);
        channel.writeInbound(frame);
        return header;
    }

    /** The messages the pipeline wrote for one response, waiting for handlers that answer later. */
    private List<Object> outbound() throws InterruptedException {
        List<Object> parts = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (parts.isEmpty() && System.nanoTime() < deadline) {
            channel.runPendingTasks();
            channel.runScheduledPendingTasks();
            for (Object part; (part = channel.readOutbound()) != null; ) {
                parts.add(part);
            }
            if (parts.isEmpty()) {
                Thread.sleep(5);
            }
        }
        return parts;
    }

    /** Writes the parts out as a socket would (FileRegions through transferTo), releases them, and parses the response. */
    private static AbstractResponse parse(RequestHeader header, List<Object> parts) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WritableByteChannel sink = Channels.newChannel(bytes);
        for (Object part : parts) {
            if (part instanceof FileRegion region) {
                while (region.transferred() < region.count()) {
                    region.transferTo(sink, region.transferred());
                }
                region.release();
            } else {
                ByteBuf buf = (ByteBuf) part;
                buf.readBytes(bytes, buf.readableBytes());
                buf.release();
            }
        }
        ByteBuffer frame = ByteBuffer.wrap(bytes.toByteArray());
        assertEquals(frame.remaining() - 4, frame.getInt(), "size prefix");
        ApiKeys api = header.apiKey();
        ResponseHeader.parse(frame, api.responseHeaderVersion(header.apiVersion()));
        return AbstractResponse.parseResponse(api, new ByteBufferAccessor(frame), header.apiVersion());
    }

    private static int indexOf(ByteBuf haystack, byte[] needle, int length) {
        byte[] bytes = new byte[haystack.readableBytes()];
        haystack.getBytes(haystack.readerIndex(), bytes);
        outer:
        for (int i = 0; i + length <= bytes.length; i++) {
            for (int j = 0; j < length; j++) {
                if (bytes[i + j] != needle[needle.length - length + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
