package io.spool.replication.zk;

import io.spool.replication.cluster.ClusterImage;
import io.spool.replication.cluster.ClusterImageListener;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The metadata tree kept in memory by watches (a Curator cache of the whole tree). Every change
 * rebuilds the image on one thread, {@code spool-metadata}, which then tells the listeners in
 * registration order: image listeners only when the image changed, snapshot listeners (the
 * controller) on every rebuild. {@link #image()} and {@link #when} see a new image only after the
 * image listeners have applied it. Bursts of changes coalesce into one rebuild.
 */
public final class MetadataCache implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MetadataCache.class.getName());

    private final CuratorCache cache;
    private final ExecutorService publisher;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final List<ClusterImageListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MetadataSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private volatile MetadataSnapshot snapshot;
    private volatile boolean closed;

    private record Waiter(Predicate<ClusterImage> condition, CompletableFuture<ClusterImage> future) {
    }

    private MetadataCache(CuratorFramework client) {
        this.cache = CuratorCache.build(client, "/");
        this.publisher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spool-metadata");
            t.setDaemon(true);
            return t;
        });
        this.snapshot = ImageBuilder.build(Map.of());
    }

    /** Starts watching; returns once the whole tree has been read and the first image built. */
    public static MetadataCache start(CuratorFramework client, Duration timeout) throws InterruptedException {
        MetadataCache metadata = new MetadataCache(client);
        CountDownLatch initialized = new CountDownLatch(1);
        metadata.cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> metadata.changed())
                .forInitialized(initialized::countDown)
                .build());
        metadata.cache.start();
        if (!initialized.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            metadata.close();
            throw new ZkException("Reading the metadata from ZooKeeper took more than " + timeout.toMillis() + " ms");
        }
        try {
            metadata.publisher.submit(metadata::rebuild).get();
        } catch (ExecutionException e) {
            metadata.close();
            throw new ZkException("Building the first metadata image failed", e.getCause());
        }
        return metadata;
    }

    /** The latest image; never null. */
    public ClusterImage image() {
        return snapshot.image();
    }

    public MetadataSnapshot snapshot() {
        return snapshot;
    }

    /** Registers a listener, first telling it the current image (as a change from an empty one) on the metadata thread. */
    public void addListener(ClusterImageListener listener) {
        CompletableFuture<Void> added = CompletableFuture.runAsync(() -> {
            ClusterImage current = snapshot.image();
            listener.onImage(ImageBuilder.build(Map.of()).image(), current);
            listeners.add(listener);
        }, publisher);
        added.join();
    }

    public void addSnapshotListener(Consumer<MetadataSnapshot> listener) {
        CompletableFuture.runAsync(() -> {
            snapshotListeners.add(listener);
            listener.accept(snapshot);
        }, publisher).join();
    }

    /** Completes (on the metadata thread) with the first image, current or future, that satisfies {@code condition}. */
    public CompletableFuture<ClusterImage> when(Predicate<ClusterImage> condition) {
        CompletableFuture<ClusterImage> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(condition, future);
        waiters.add(waiter);
        ClusterImage current = snapshot.image();
        if (condition.test(current)) {
            waiters.remove(waiter);
            future.complete(current);
        }
        return future;
    }

    /** Blocks until an image satisfies {@code condition}; false when {@code timeout} passed first. */
    public boolean await(Predicate<ClusterImage> condition, Duration timeout) throws InterruptedException {
        CompletableFuture<ClusterImage> f = when(condition);
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            f.cancel(false);
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiters.removeIf(w -> w.future() == f);
        }
    }

    private void changed() {
        if (rebuildPending.compareAndSet(false, true)) {
            try {
                publisher.execute(this::rebuild);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void rebuild() {
        rebuildPending.set(false);
        if (closed) {
            return;
        }
        Map<String, ImageBuilder.Node> tree = new HashMap<>();
        cache.stream().forEach((ChildData d) -> tree.put(d.getPath(), ImageBuilder.Node.of(d.getData(), d.getStat())));
        MetadataSnapshot next = ImageBuilder.build(tree);
        MetadataSnapshot previous = snapshot;
        boolean changed = !next.image().equals(previous.image());
        if (changed) {
            for (ClusterImageListener listener : listeners) {
                try {
                    listener.onImage(previous.image(), next.image());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "A metadata listener failed on a new image", e);
                }
            }
        }
        // Published after the listeners have applied it: whoever sees this image (or waited for it)
        // finds e.g. the partitions it creates already hosted.
        snapshot = next;
        if (changed) {
            for (Waiter w : waiters) {
                if (w.future().isDone()) {
                    waiters.remove(w);
                } else if (w.condition().test(next.image())) {
                    waiters.remove(w);
                    w.future().complete(next.image());
                }
            }
        }
        for (Consumer<MetadataSnapshot> listener : snapshotListeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "A metadata listener failed on a new snapshot", e);
            }
        }
    }

    /**
     * Stops publishing, then the watches. No image is published after this starts: a closing cache
     * reads as an empty tree, and an empty image would tell listeners every topic is gone.
     */
    @Override
    public void close() {
        closed = true;
        publisher.shutdown();
        try {
            publisher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.close();
    }
}
