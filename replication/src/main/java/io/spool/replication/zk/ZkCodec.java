package io.spool.replication.zk;

import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.replication.cluster.BrokerInfo;
import io.spool.replication.cluster.PartitionState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Encodes and decodes the structured znodes (broker registrations, topic assignments, partition states). */
public final class ZkCodec {
    private ZkCodec() {
    }

    /** {@code endpoints=NAME://host:port,...}, {@code security_protocols=NAME:PROTOCOL,...}, optional {@code rack}. */
    public static byte[] broker(BrokerInfo broker) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> endpoints = new ArrayList<>();
        List<String> protocols = new ArrayList<>();
        for (BrokerEndpoint e : broker.endpoints()) {
            endpoints.add(e.listenerName() + "://" + e.host() + ":" + e.port());
            protocols.add(e.listenerName() + ":" + e.securityProtocol());
        }
        values.put("endpoints", String.join(",", endpoints));
        values.put("security_protocols", String.join(",", protocols));
        broker.rack().ifPresent(r -> values.put("rack", r));
        return ZkText.encode(values);
    }

    public static BrokerInfo parseBroker(int id, byte[] data) {
        Map<String, String> values = ZkText.decode(data);
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String pair : split(values.get("security_protocols"))) {
            int colon = pair.indexOf(':');
            protocols.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        List<BrokerEndpoint> endpoints = new ArrayList<>();
        for (String url : split(values.get("endpoints"))) {
            int scheme = url.indexOf("://");
            int colon = url.lastIndexOf(':');
            if (scheme <= 0 || colon <= scheme + 2) {
                throw new IllegalArgumentException("broker " + id + " has a malformed endpoint " + url);
            }
            String listener = url.substring(0, scheme);
            endpoints.add(new BrokerEndpoint(listener, protocols.getOrDefault(listener, listener),
                    url.substring(scheme + 3, colon), Integer.parseInt(url.substring(colon + 1))));
        }
        return new BrokerInfo(id, endpoints, Optional.ofNullable(values.get("rack")));
    }

    /** {@code topic_id}, {@code partitions} (the count) and {@code partition.<p>=1,2,3}. */
    public static byte[] topic(TopicAssignment assignment) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("topic_id", ZkText.uuid(assignment.topicId()));
        values.put("partitions", Integer.toString(assignment.replicas().size()));
        for (int p = 0; p < assignment.replicas().size(); p++) {
            values.put("partition." + p, ZkText.ints(assignment.replicas().get(p)));
        }
        return ZkText.encode(values);
    }

    public static TopicAssignment parseTopic(byte[] data) {
        Map<String, String> values = ZkText.decode(data);
        int count = ZkText.intValue(values, "partitions");
        List<List<Integer>> replicas = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            replicas.add(ZkText.parseInts(values.get("partition." + p)));
        }
        String id = values.get("topic_id");
        if (id == null) {
            throw new IllegalArgumentException("missing topic_id");
        }
        return new TopicAssignment(ZkText.parseUuid(id), replicas);
    }

    /** {@code leader}, {@code leader_epoch}, {@code isr}, {@code controller_epoch}; the version is the znode's. */
    public static byte[] partitionState(int leader, int leaderEpoch, List<Integer> isr, int controllerEpoch) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("leader", Integer.toString(leader));
        values.put("leader_epoch", Integer.toString(leaderEpoch));
        values.put("isr", ZkText.ints(isr));
        values.put("controller_epoch", Integer.toString(controllerEpoch));
        return ZkText.encode(values);
    }

    public static PartitionState parsePartitionState(byte[] data, int version) {
        Map<String, String> values = ZkText.decode(data);
        return new PartitionState(ZkText.intValue(values, "leader"), ZkText.intValue(values, "leader_epoch"),
                ZkText.parseInts(values.get("isr")), ZkText.intValue(values, "controller_epoch"), version);
    }

    /** {@code broker_id} of {@code /controller}. */
    public static byte[] controller(int brokerId) {
        return ZkText.encode(Map.of("broker_id", Integer.toString(brokerId)));
    }

    public static int parseController(byte[] data) {
        return ZkText.intValue(ZkText.decode(data), "broker_id");
    }

    private static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split(","));
    }
}
