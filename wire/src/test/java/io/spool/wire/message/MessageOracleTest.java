package io.spool.wire.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spool.wire.codegen.MessageSpec;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.message.FetchResponseData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle: for every spec and every version, random messages built and encoded by kafka-clients'
 * own generated classes are decoded by ours, re-encoded byte for byte identically, and our bytes
 * decode in Kafka to a message equal to the original.
 */
class MessageOracleTest {
    private static final int ITERATIONS = 12;

    @TestFactory
    Stream<DynamicTest> everyMessageEveryVersion() {
        Set<String> expected = new TreeSet<>();
        Set<String> passed = new ConcurrentSkipListSet<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (MessageSpec spec : Specs.withVersions()) {
            KafkaMessages kafka = new KafkaMessages(spec);
            for (short v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
                short version = v;
                String name = spec.name() + " v" + version;
                expected.add(name);
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Random random = new Random(name.hashCode());
                    for (int i = 0; i < ITERATIONS; i++) {
                        roundTrip(spec, kafka, kafka.random(version, random), version);
                    }
                    passed.add(name);
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("every (message, version) pair covered", () -> {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(passed);
            System.out.printf("message oracle: %d of %d (message, version) pairs covered, %d iterations each%n",
                    passed.size(), expected.size(), ITERATIONS);
            assertTrue(missing.isEmpty(), "not covered: " + missing);
            assertTrue(expected.size() > 500, "suspiciously few pairs: " + expected.size());
        }));
        return tests.stream();
    }

    /** Our defaults are Kafka's: a new, untouched message encodes identically in every version. */
    @TestFactory
    Stream<DynamicTest> defaultsMatchKafka() {
        return Specs.withVersions().stream().map(spec -> DynamicTest.dynamicTest(spec.name() + " defaults", () -> {
            KafkaMessages kafka = new KafkaMessages(spec);
            for (short v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
                short version = v;
                byte[] expected = KafkaMessages.serialize(kafka.empty(), version);
                assertArrayEquals(expected, Encoding.encode(Specs.newOurs(spec.name()), version),
                        () -> spec.name() + " v" + version);
            }
        }));
    }

    /** Tagged values longer than 127 bytes need a multi-byte size: the writer's slow path. */
    @Test
    void taggedFieldsLongerThan127Bytes() {
        FetchResponseData kafka = new FetchResponseData().setThrottleTimeMs(5);
        for (int i = 0; i < 10; i++) {
            kafka.nodeEndpoints().add(new FetchResponseData.NodeEndpoint()
                    .setNodeId(i).setHost("broker-" + i + ".a-rather-long-domain.example").setPort(9092).setRack("rack-" + i));
        }
        MessageSpec spec = Specs.withVersions().stream().filter(s -> s.name().equals("FetchResponse")).findFirst().orElseThrow();
        roundTrip(spec, new KafkaMessages(spec), kafka, (short) 16);
        FetchResponse ours = new FetchResponse(Unpooled.wrappedBuffer(KafkaMessages.serialize(kafka, (short) 16)), (short) 16);
        assertEquals("rack-9", ours.nodeEndpoints().get(9).rack());
    }

    private static void roundTrip(MessageSpec spec, KafkaMessages kafka, Message original, short version) {
        byte[] kafkaBytes = KafkaMessages.serialize(original, version);
        ByteBuf in = Unpooled.wrappedBuffer(kafkaBytes);
        try {
            io.spool.wire.protocol.Message ours = Specs.newOurs(spec.name());
            ours.read(in, version);
            assertEquals(0, in.readableBytes(), () -> "bytes left after reading " + original);
            byte[] ourBytes = Encoding.encode(ours, version);
            assertArrayEquals(kafkaBytes, ourBytes, () -> "re-encoded bytes differ for " + original + "\nours: " + ours);
            assertEquals(original, kafka.deserialize(ourBytes, version));

            io.spool.wire.protocol.Message again = Specs.newOurs(spec.name());
            again.read(Unpooled.wrappedBuffer(ourBytes), version);
            assertEquals(ours, again);
            assertEquals(ours.hashCode(), again.hashCode());
            assertTrue(ours.toString().startsWith(spec.name() + "("));
        } finally {
            in.release();
        }
    }
}
