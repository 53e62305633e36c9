package io.spool.broker.topic;

import java.io.IOException;

/** Whatever holds a topic's partitions (their logs) on this broker; told when topics come and go. Called off the event loops. */
public interface PartitionLifecycle {
    void create(Topic topic) throws IOException;

    void delete(Topic topic) throws IOException;
}
