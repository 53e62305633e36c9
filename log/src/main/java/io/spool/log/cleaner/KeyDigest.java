package io.spool.log.cleaner;

import io.netty.buffer.ByteBuf;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 128-bit MD5 digest of a record key, as Kafka's cleaner keys its offset map, computed into
 * reused arrays: hashing a key allocates nothing. Two keys with the same digest would count as
 * one; with 128 bits that takes a deliberately built collision, and it would only let an older
 * value of the colliding keys go early. Not thread-safe.
 */
final class KeyDigest {
    private static final int DIGEST_BYTES = 16;

    private final MessageDigest md5;
    private final byte[] digest = new byte[DIGEST_BYTES];
    private final byte[] chunk = new byte[4096];
    private long high;
    private long low;

    KeyDigest() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** Digests the {@code length} key bytes at {@code index} of {@code buf}; read the result with {@link #high()} and {@link #low()}. */
    void digest(ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            md5.update(buf.array(), buf.arrayOffset() + index, length);
        } else {
            for (int done = 0; done < length; ) {
                int n = Math.min(chunk.length, length - done);
                buf.getBytes(index + done, chunk, 0, n);
                md5.update(chunk, 0, n);
                done += n;
            }
        }
        try {
            md5.digest(digest, 0, DIGEST_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 digests are 16 bytes", e);
        }
        high = bigEndianLong(0);
        low = bigEndianLong(8);
    }

    long high() {
        return high;
    }

    long low() {
        return low;
    }

    private long bigEndianLong(int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
    }
}
