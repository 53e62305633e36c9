package io.spool.broker.partition;

import java.util.UUID;

/** One hosted topic partition. */
public final class Partition {
    private final String topic;
    private final UUID topicId;
    private final int index;

    Partition(String topic, UUID topicId, int index) {
        this.topic = topic;
        this.topicId = topicId;
        this.index = index;
    }

    public String topic() {
        return topic;
    }

    public UUID topicId() {
        return topicId;
    }

    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return topic + "-" + index;
    }
}
