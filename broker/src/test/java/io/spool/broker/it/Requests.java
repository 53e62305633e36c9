package io.spool.broker.it;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicCollection;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceDataCollection;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ProduceRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests built with kafka-clients' own classes, for raw-socket tests. */
final class Requests {
    private Requests() {
    }

    static ProduceRequest produce(String topic, int partition, MemoryRecords records, short acks, short version) {
        return new ProduceRequest.Builder(version, version, produceData(topic, partition, records, acks)).build(version);
    }

    /** A produce request as given, skipping the client's own check that each partition has exactly one batch. */
    static ProduceRequest unchecked(String topic, int partition, MemoryRecords records, short acks, short version) {
        return new ProduceRequest(produceData(topic, partition, records, acks), version);
    }

    private static ProduceRequestData produceData(String topic, int partition, MemoryRecords records, short acks) {
        TopicProduceDataCollection topics = new TopicProduceDataCollection();
        topics.add(new TopicProduceData().setName(topic)
                .setPartitionData(List.of(new PartitionProduceData().setIndex(partition).setRecords(records))));
        return new ProduceRequestData().setAcks(acks).setTimeoutMs(30_000).setTopicData(topics);
    }

    static ListOffsetsRequest latestOffset(String topic, int partition) {
        return ListOffsetsRequest.Builder.forConsumer(false, IsolationLevel.READ_UNCOMMITTED)
                .setTargetTimes(List.of(new ListOffsetsTopic().setName(topic).setPartitions(List.of(
                        new ListOffsetsPartition().setPartitionIndex(partition).setTimestamp(-1)))))
                .build((short) 9);
    }

    static CreateTopicsRequest createTopics(CreatableTopic... topics) {
        CreatableTopicCollection collection = new CreatableTopicCollection();
        for (CreatableTopic t : topics) {
            collection.add(t);
        }
        return new CreateTopicsRequest.Builder(new CreateTopicsRequestData().setTopics(collection).setTimeoutMs(30_000)).build((short) 7);
    }

    static CreatableTopic topic(String name, int partitions, int replicationFactor) {
        return new CreatableTopic().setName(name).setNumPartitions(partitions).setReplicationFactor((short) replicationFactor);
    }

    /** A sessionless v12 fetch of one partition from {@code offset}. */
    static FetchRequest fetch(String topic, int partition, long offset, int maxWaitMs, int minBytes) {
        Map<TopicPartition, FetchRequest.PartitionData> data = new LinkedHashMap<>();
        data.put(new TopicPartition(topic, partition),
                new FetchRequest.PartitionData(Uuid.ZERO_UUID, offset, -1, 1024 * 1024, Optional.empty()));
        return FetchRequest.Builder.forConsumer((short) 12, maxWaitMs, minBytes, data).build((short) 12);
    }

    static InitProducerIdRequest initProducerId() {
        return new InitProducerIdRequest.Builder(new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000)).build((short) 5);
    }
}
