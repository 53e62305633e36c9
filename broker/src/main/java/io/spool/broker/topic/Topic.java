package io.spool.broker.topic;

import java.util.Map;
import java.util.UUID;

/** A topic as registered: its id, partition count and the topic-level config overrides it was created with. */
public record Topic(String name, UUID id, int partitionCount, Map<String, String> configs) {
    public Topic {
        configs = Map.copyOf(configs);
    }
}
