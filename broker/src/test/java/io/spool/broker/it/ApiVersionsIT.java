package io.spool.broker.it;

import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the broker advertises: exactly the APIs it implements, in every stable version of the 4.4 spec. */
class ApiVersionsIT {
    @TempDir
    Path dataDir;

    @Test
    void advertisesTheImplementedApis() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); RawClient client = new RawClient(broker.port())) {
            ApiVersionsResponse response = client.roundTrip(new ApiVersionsRequest.Builder().build((short) 4));
            assertEquals(Errors.NONE.code(), response.data().errorCode());
            Map<String, String> advertised = new TreeMap<>();
            for (ApiVersion v : response.data().apiKeys()) {
                advertised.put(ApiKeys.forId(v.apiKey()).name, v.minVersion() + "-" + v.maxVersion());
            }
            Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                    Map.entry("Produce", "0-13"),
                    Map.entry("Fetch", "4-18"),
                    Map.entry("ListOffsets", "1-11"),
                    Map.entry("Metadata", "0-13"),
                    Map.entry("ApiVersions", "0-5"),
                    Map.entry("CreateTopics", "2-7"),
                    Map.entry("DeleteTopics", "1-6"),
                    Map.entry("InitProducerId", "0-5"),
                    Map.entry("OffsetForLeaderEpoch", "2-4"),
                    Map.entry("DescribeConfigs", "1-4"),
                    Map.entry("DescribeCluster", "0-2"),
                    Map.entry("ElectLeaders", "0-2"),
                    Map.entry("IncrementalAlterConfigs", "0-1"),
                    Map.entry("FindCoordinator", "0-6"),
                    Map.entry("JoinGroup", "0-9"),
                    Map.entry("SyncGroup", "0-5"),
                    Map.entry("Heartbeat", "0-4"),
                    Map.entry("LeaveGroup", "0-5"),
                    Map.entry("OffsetCommit", "2-10"),
                    Map.entry("OffsetFetch", "1-10"),
                    Map.entry("OffsetDelete", "0-0"),
                    Map.entry("ListGroups", "0-5"),
                    Map.entry("DescribeGroups", "0-6"),
                    Map.entry("DeleteGroups", "0-3")));
            assertEquals(expected, advertised);
        }
    }
}
