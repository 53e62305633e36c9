package io.spool.coordinator;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A pooled allocator without thread caches, so every released buffer goes straight back to its
 * arena and the arenas' count of live allocations is exact: a test that ends with a non-zero
 * count leaked, no garbage collection needed to find out.
 */
public final class TrackingAllocator {
    private TrackingAllocator() {
    }

    public static PooledByteBufAllocator create() {
        return new PooledByteBufAllocator(false, 1, 1, 8192, 9, 0, 0, false);
    }

    public static void assertNothingLeaked(PooledByteBufAllocator allocator) {
        long live = 0;
        for (PoolArenaMetric arena : allocator.metric().heapArenas()) {
            live += arena.numActiveAllocations();
        }
        for (PoolArenaMetric arena : allocator.metric().directArenas()) {
            live += arena.numActiveAllocations();
        }
        assertEquals(0, live, "buffers still allocated (leaked)");
    }
}
