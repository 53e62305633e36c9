package io.spool.wire.records.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecsTest {
    static Stream<Codec> codecs() {
        return Stream.of(Codecs.GZIP, Codecs.SNAPPY, Codecs.LZ4, Codecs.ZSTD);
    }

    /** Compressible but not trivial: words from a small alphabet with random runs. */
    static byte[] sample(int size) {
        Random random = new Random(size);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : (byte) ('a' + i % 17);
        }
        return data;
    }

    static ByteBuf compress(Codec codec, byte[] data, boolean direct) throws IOException {
        ByteBuf sink = direct ? Unpooled.directBuffer() : Unpooled.buffer();
        try (OutputStream out = codec.compressing(sink)) {
            // Uneven writes exercise the block boundaries.
            int pos = 0;
            for (int step = 1; pos < data.length; step = step * 3 % 70_001 + 1) {
                int n = Math.min(step, data.length - pos);
                out.write(data, pos, n);
                pos += n;
            }
        }
        return sink;
    }

    static byte[] decompress(Codec codec, ByteBuf compressed, int maxBytes) throws IOException {
        try (InputStream in = codec.decompressing(compressed, maxBytes)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTripsHeapAndDirect(Codec codec) throws IOException {
        for (int size : new int[] {0, 1, 1000, 65_536, 65_537, 300_000}) {
            byte[] data = sample(size);
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuf compressed = compress(codec, data, direct);
                try {
                    assertArrayEquals(data, decompress(codec, compressed.duplicate(), size));
                } finally {
                    compressed.release();
                }
            }
        }
    }

    /** Block codecs hand a closed stream's buffer to the next one: streams open at once must not share it. */
    @ParameterizedTest
    @MethodSource("codecs")
    void streamsOpenAtOnceAndOneAfterAnotherReadTheirOwnBytes(Codec codec) throws IOException {
        byte[] first = sample(150_000);
        byte[] second = sample(90_000);
        ByteBuf a = compress(codec, first, false);
        ByteBuf b = compress(codec, second, true);
        try {
            assertArrayEquals(first, decompress(codec, a.duplicate(), first.length));
            try (InputStream in1 = codec.decompressing(a.duplicate(), first.length);
                 InputStream in2 = codec.decompressing(b.duplicate(), second.length)) {
                ByteArrayOutputStream out1 = new ByteArrayOutputStream();
                ByteArrayOutputStream out2 = new ByteArrayOutputStream();
                byte[] chunk = new byte[7_000];
                boolean more1 = true;
                boolean more2 = true;
                while (more1 || more2) {
                    more1 = more1 && copyChunk(in1, chunk, out1);
                    more2 = more2 && copyChunk(in2, chunk, out2);
                }
                assertArrayEquals(first, out1.toByteArray());
                assertArrayEquals(second, out2.toByteArray());
            }
            assertArrayEquals(second, decompress(codec, b.duplicate(), second.length));
        } finally {
            a.release();
            b.release();
        }
    }

    private static boolean copyChunk(InputStream in, byte[] chunk, ByteArrayOutputStream out) throws IOException {
        int n = in.read(chunk);
        if (n > 0) {
            out.write(chunk, 0, n);
        }
        return n >= 0;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void limitIsExactAndEnforced(Codec codec) throws IOException {
        byte[] data = new byte[200_000];
        ByteBuf compressed = compress(codec, data, false);
        try {
            assertEquals(data.length, decompress(codec, compressed.duplicate(), data.length).length);
            CompressedDataException e = assertThrows(CompressedDataException.class,
                    () -> decompress(codec, compressed.duplicate(), data.length - 1));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        } finally {
            compressed.release();
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void truncatedInputFails(Codec codec) throws IOException {
        byte[] data = sample(100_000);
        ByteBuf compressed = compress(codec, data, false);
        try {
            for (int cut : new int[] {1, 5, compressed.readableBytes() / 2}) {
                ByteBuf truncated = compressed.slice(0, compressed.readableBytes() - cut);
                assertThrows(IOException.class, () -> decompress(codec, truncated, data.length));
            }
        } finally {
            compressed.release();
        }
    }

    @Test
    void snappyReadsBareBlocksAndConcatenatedStreams() throws IOException {
        byte[] data = sample(50_000);
        byte[] bare = Snappy.compress(data);
        assertArrayEquals(data, decompress(Codecs.SNAPPY, Unpooled.wrappedBuffer(bare), data.length));

        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            try (SnappyOutputStream out = new SnappyOutputStream(concatenated)) {
                out.write(data);
            }
        }
        byte[] both = decompress(Codecs.SNAPPY, Unpooled.wrappedBuffer(concatenated.toByteArray()), 2 * data.length);
        assertEquals(2 * data.length, both.length);
        assertArrayEquals(data, java.util.Arrays.copyOfRange(both, data.length, both.length));
    }

    @Test
    void snappyBlockOverTheLimitIsRefusedBeforeItIsDecompressed() throws IOException {
        byte[] block = Snappy.compress(new byte[2 << 20]);
        ByteBuf framed = Unpooled.wrappedBuffer(new byte[16 + 4 + block.length]).clear();
        try (OutputStream out = Codecs.SNAPPY.compressing(framed)) {
            out.write(1);
        }
        framed.writerIndex(16).writeInt(block.length).writeBytes(block);
        CompressedDataException e = assertThrows(CompressedDataException.class,
                () -> decompress(Codecs.SNAPPY, framed, 1 << 20));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertThrows(CompressedDataException.class, () -> decompress(Codecs.SNAPPY, Unpooled.wrappedBuffer(block), 1 << 20));

        // A length no block of this size could hold (~2 GiB in 6 bytes) is refused as malformed.
        byte[] lie = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x00};
        assertThrows(IOException.class, () -> decompress(Codecs.SNAPPY, Unpooled.wrappedBuffer(lie), Integer.MAX_VALUE));
    }

    @Test
    void snappyChunkLongerThanTheInputIsRefused() {
        ByteBuf framed = Unpooled.wrappedBuffer(new byte[30]).clear();
        framed.writeBytes(new byte[] {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0}).writeInt(1).writeInt(1);
        framed.writeInt(Integer.MAX_VALUE).writeZero(10);
        assertThrows(CompressedDataException.class, () -> decompress(Codecs.SNAPPY, framed, 1 << 20));
    }

    @Test
    void lz4ReadsFramesWithEveryOptionalFeature() throws IOException {
        byte[] data = sample(700_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB,
                data.length, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
            out.write(data);
        }
        byte[] frame = bytes.toByteArray();
        assertArrayEquals(data, decompress(Codecs.LZ4, Unpooled.wrappedBuffer(frame), data.length));

        // The declared content size alone is enough to refuse an oversized frame.
        assertTrue(assertThrows(CompressedDataException.class,
                () -> decompress(Codecs.LZ4, Unpooled.wrappedBuffer(frame), data.length - 1)).getMessage().contains("limit"));

        byte[] badContentChecksum = frame.clone();
        badContentChecksum[frame.length - 1] ^= 1;
        assertThrows(CompressedDataException.class,
                () -> decompress(Codecs.LZ4, Unpooled.wrappedBuffer(badContentChecksum), data.length));

        byte[] badBlock = frame.clone();
        badBlock[30] ^= 1; // inside the first block's data: its block checksum no longer matches
        assertTrue(assertThrows(CompressedDataException.class,
                () -> decompress(Codecs.LZ4, Unpooled.wrappedBuffer(badBlock), data.length)).getMessage().contains("checksum"));
    }

    @Test
    void lz4FramesWeWriteFollowTheSpec() throws IOException {
        byte[] data = sample(200_000);
        ByteBuf ours = compress(Codecs.LZ4, data, true);
        try (InputStream in = new LZ4FrameInputStream(new io.netty.buffer.ByteBufInputStream(ours.duplicate()))) {
            assertArrayEquals(data, in.readAllBytes());
        } finally {
            ours.release();
        }
    }

    @Test
    void lz4HeaderProblemsAreRefused() throws IOException {
        ByteBuf frame = compress(Codecs.LZ4, sample(10), false);
        try {
            byte[] good = ByteBufUtil.getBytes(frame);
            byte[] badMagic = good.clone();
            badMagic[0] ^= 1;
            byte[] badHeaderChecksum = good.clone();
            badHeaderChecksum[6] ^= 1;
            byte[] dictionary = good.clone();
            dictionary[4] |= 0x01;
            byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
            byte[] noEndMark = java.util.Arrays.copyOf(good, good.length - 4);
            for (byte[] bad : new byte[][] {badMagic, badHeaderChecksum, dictionary, trailing, noEndMark}) {
                assertThrows(CompressedDataException.class, () -> decompress(Codecs.LZ4, Unpooled.wrappedBuffer(bad), 1000));
            }
        } finally {
            frame.release();
        }
    }

    @Test
    void lz4BlockLargerThanTheFrameMaximumIsRefused() {
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[(64 << 10) + 20]).clear();
        frame.writeIntLE(Lz4Frame.MAGIC).writeByte(0x60).writeByte(0x40);
        frame.writeByte(Lz4Frame.headerChecksum(frame, 4, 2));
        frame.writeIntLE((64 << 10) + 1).writeZero((64 << 10) + 1).writeIntLE(0);
        assertTrue(assertThrows(CompressedDataException.class, () -> decompress(Codecs.LZ4, frame, 1 << 20))
                .getMessage().contains("maximum"));
    }
}
