package io.spool.wire.protocol;

import java.nio.channels.FileChannel;

/**
 * Records that live in a file: {@code size} bytes from {@code position} of {@code channel}. Encoded
 * as a Netty FileRegion that does not close the channel (the log owns it).
 */
public record FileSliceRecords(FileChannel channel, long position, int size) implements Records {
    @Override
    public int sizeInBytes() {
        return size;
    }
}
