package io.spool.compat;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic record contents derived from a sequence number, so a reader can recompute what a record must
 * hold from its key alone and notice a single flipped byte.
 */
public final class Payloads {
    private static final String KEY_PREFIX = "seq-";

    private Payloads() {
    }

    public static byte[] key(int seq) {
        return (KEY_PREFIX + seq).getBytes(StandardCharsets.US_ASCII);
    }

    /** The sequence number a {@link #key} was made from. */
    public static int seqOf(byte[] key) {
        String text = new String(key, StandardCharsets.US_ASCII);
        if (!text.startsWith(KEY_PREFIX)) {
            throw new AssertionError("not a test key: " + text);
        }
        return Integer.parseInt(text.substring(KEY_PREFIX.length()));
    }

    /** {@code size} pseudo-random bytes seeded by {@code seq}: incompressible, different for every record. */
    public static byte[] randomValue(int seq, int size) {
        byte[] value = new byte[size];
        long state = seq * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < size; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            value[i] = (byte) state;
        }
        return value;
    }

    /** Text that compresses well but still differs per record. */
    public static byte[] textValue(int seq) {
        return ("record " + seq + " of the compat suite; the quick brown fox jumps over the lazy dog " + seq % 97)
                .getBytes(StandardCharsets.UTF_8);
    }
}
