package io.spool.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.spool.wire.message.FetchResponse;
import io.spool.wire.message.ProduceRequest;
import io.spool.wire.protocol.BufferRecords;
import io.spool.wire.protocol.Message;
import io.spool.wire.protocol.MessageWriter;
import io.spool.wire.records.CompressionType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The generated codec on the two messages that carry the data: a ProduceRequest and a
 * FetchResponse of one topic with {@code partitions} partitions, each holding one uncompressed
 * 16 x 1 KiB batch, at the newest version. Decoding slices the records out of the frame and
 * encoding adds them as their own part, so neither should cost per record byte.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private static final short PRODUCE_VERSION = ProduceRequest.HIGHEST_VERSION;
    private static final short FETCH_VERSION = FetchResponse.HIGHEST_VERSION;
    private static final UUID TOPIC_ID = new UUID(0x5b001L, 0xbe11cL);

    @Param({"1", "8"})
    public int partitions;

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private ByteBuf batch;
    private ProduceRequest produceRequest;
    private FetchResponse fetchResponse;
    private ByteBuf produceFrame;
    private ByteBuf fetchFrame;

    @Setup
    public void setUp() {
        batch = Batches.build(allocator, CompressionType.NONE, 16, 1024);
        List<ProduceRequest.PartitionProduceData> produced = new ArrayList<>();
        List<FetchResponse.PartitionData> fetched = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            produced.add(new ProduceRequest.PartitionProduceData().setIndex(p).setRecords(new BufferRecords(batch)));
            fetched.add(new FetchResponse.PartitionData().setPartitionIndex(p).setHighWatermark(1_000_000)
                    .setLastStableOffset(1_000_000).setLogStartOffset(0).setRecords(new BufferRecords(batch)));
        }
        produceRequest = new ProduceRequest().setAcks((short) 1).setTimeoutMs(30_000).setTopicData(List.of(
                new ProduceRequest.TopicProduceData().setName("bench").setTopicId(TOPIC_ID).setPartitionData(produced)));
        fetchResponse = new FetchResponse().setSessionId(0).setResponses(List.of(
                new FetchResponse.FetchableTopicResponse().setTopic("bench").setTopicId(TOPIC_ID).setPartitions(fetched)));
        produceFrame = encodeToOneBuffer(produceRequest, PRODUCE_VERSION);
        fetchFrame = encodeToOneBuffer(fetchResponse, FETCH_VERSION);
    }

    @TearDown
    public void tearDown() {
        batch.release();
        produceFrame.release();
        fetchFrame.release();
    }

    @Benchmark
    public ProduceRequest decodeProduceRequest() {
        return new ProduceRequest(produceFrame.duplicate(), PRODUCE_VERSION);
    }

    @Benchmark
    public long encodeProduceRequest() {
        return encodeAndRelease(produceRequest, PRODUCE_VERSION);
    }

    @Benchmark
    public FetchResponse decodeFetchResponse() {
        return new FetchResponse(fetchFrame.duplicate(), FETCH_VERSION);
    }

    @Benchmark
    public long encodeFetchResponse() {
        return encodeAndRelease(fetchResponse, FETCH_VERSION);
    }

    private long encodeAndRelease(Message message, short version) {
        MessageWriter writer = new MessageWriter(allocator);
        message.write(writer, version);
        long size = writer.size();
        writer.finish().forEach(ReferenceCountUtil::release);
        return size;
    }

    /** The encoded message as one contiguous buffer, as it arrives in a frame. */
    private ByteBuf encodeToOneBuffer(Message message, short version) {
        MessageWriter writer = new MessageWriter(allocator);
        message.write(writer, version);
        ByteBuf frame = allocator.directBuffer((int) writer.size());
        for (Object part : writer.finish()) {
            ByteBuf buf = (ByteBuf) part; // buffer records only, no file regions here
            frame.writeBytes(buf, buf.readerIndex(), buf.readableBytes());
            buf.release();
        }
        return frame;
    }
}
