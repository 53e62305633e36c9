package io.spool.broker.meta;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Kafka's text form of ids (cluster id, topic id): the 16 UUID bytes in URL-safe base64 without
 * padding. New ids are random, never the all-zero id Kafka reserves for "none", and never start
 * with '-' (so command-line tools do not take them for options).
 */
public final class KafkaUuid {
    public static final UUID ZERO = new UUID(0, 0);
    /** Reserved by Kafka for its metadata topic. */
    private static final UUID METADATA_TOPIC = new UUID(0, 1);

    private KafkaUuid() {
    }

    public static UUID random(RandomGenerator random) {
        while (true) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            if (!id.equals(ZERO) && !id.equals(METADATA_TOPIC) && !toString(id).startsWith("-")) {
                return id;
            }
        }
    }

    public static String toString(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** Parses the base64 form; throws IllegalArgumentException when it is not 16 bytes of URL-safe base64. */
    public static UUID parse(String text) {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        if (bytes.length != 16) {
            throw new IllegalArgumentException("Not a 16-byte id: " + text);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
