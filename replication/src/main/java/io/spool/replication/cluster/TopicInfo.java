package io.spool.replication.cluster;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A topic: name, topic id, config overrides and its partitions in index order. */
public record TopicInfo(String name, UUID id, Map<String, String> configs, List<PartitionInfo> partitions) {
    public TopicInfo {
        configs = Map.copyOf(configs);
        partitions = List.copyOf(partitions);
    }

    public int partitionCount() {
        return partitions.size();
    }
}
