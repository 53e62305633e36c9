package io.spool.wire.protocol;

import io.netty.channel.DefaultFileRegion;

import java.nio.channels.FileChannel;

/**
 * A DefaultFileRegion (so the epoll transport uses native sendfile) over a channel owned by the
 * log: releasing the region must not close the segment file that other fetches still read.
 */
final class SharedFileRegion extends DefaultFileRegion {
    SharedFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    @Override
    protected void deallocate() {
        // The channel belongs to the log segment; nothing to close here.
    }
}
