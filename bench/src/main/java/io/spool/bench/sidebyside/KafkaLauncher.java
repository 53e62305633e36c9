package io.spool.bench.sidebyside;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apache Kafka as a single KRaft node (broker and controller in one process), its storage
 * formatted with StorageTool --standalone before the start, started with kafka.Kafka like
 * kafka-server-start.sh does.
 */
final class KafkaLauncher implements BrokerLauncher {
    /** Any fixed cluster id will do: every run formats a fresh directory. Base64 of "spool-bench-kraf". */
    private static final String CLUSTER_ID = "c3Bvb2wtYmVuY2gta3JhZg";

    private final String java;
    private final Path kafkaLib;
    private final Path log4jConfig;
    private final KafkaTools tools;

    KafkaLauncher(String java, Path kafkaLib, Path log4jConfig, KafkaTools tools) {
        this.java = java;
        this.kafkaLib = kafkaLib;
        this.log4jConfig = log4jConfig;
        this.tools = tools;
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.KAFKA;
    }

    @Override
    public PreparedBroker prepare(Path runDir) throws IOException, InterruptedException {
        int[] ports = FreePorts.pick(2);
        int clientPort = ports[0];
        int controllerPort = ports[1];
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", runDir.resolve("data").toString());
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.putAll(BrokerSettings.common());
        Path config = runDir.resolve("server.properties");
        PropertiesFile.write(config, p);

        ToolRun format = tools.run("StorageTool format", runDir.resolve("storage-format.out"), KafkaTools.STORAGE_TOOL,
                List.of("format", "-t", CLUSTER_ID, "-c", config.toString(), "--standalone"));
        if (format.failure() != null) {
            throw new WorkloadException("formatting Kafka's storage failed: " + format.failure());
        }

        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(BrokerSettings.JVM_FLAGS);
        command.add("-Dlog4j2.configurationFile=" + log4jConfig);
        command.add("-cp");
        command.add(kafkaLib.resolve("*").toString());
        command.add("kafka.Kafka");
        command.add(config.toString());
        return new PreparedBroker(new ProcessBuilder(command), new InetSocketAddress("127.0.0.1", clientPort));
    }
}
