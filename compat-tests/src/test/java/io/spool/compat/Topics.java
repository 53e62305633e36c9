package io.spool.compat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;

/** Topic set-up through the stock AdminClient, and unwrapping of its futures. */
public final class Topics {
    private static final long TIMEOUT_SECONDS = 60;

    private Topics() {
    }

    /** Creates a topic with replication factor 1 and the given topic-level configs. */
    public static void create(Admin admin, String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        get(admin.createTopics(List.of(topic)).all());
    }

    public static void create(String bootstrap, String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Clients.admin(bootstrap)) {
            create(admin, name, partitions, configs);
        }
    }

    /** The future's value; a failure is rethrown as an AssertionError carrying the client's exception. */
    public static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The exception the future failed with; fails if it succeeded. */
    public static Throwable failure(KafkaFuture<?> future) {
        try {
            Object value = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected the request to fail, it returned " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
