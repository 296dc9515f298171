package io.smoketrace.agent;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.smoketrace.infra.TopicSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real Kafka broker (KRaft, in this JVM) that a test can stop and start again: same ports, same
 * cluster id, same log directory, so what it held before an outage is still there after it.
 */
public final class RestartableBroker implements AutoCloseable {

    private final Path logs;
    private final int kafkaPort;
    private final int controllerPort;
    private final String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    private EmbeddedKafkaBroker broker;
    private String bootstrap;

    public RestartableBroker(Path logs) throws IOException {
        this.logs = logs;
        this.kafkaPort = freePort();
        this.controllerPort = freePort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the broker (the first time also SmokeTrace's topics) and returns its bootstrap servers. */
    public String start() throws Exception {
        broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withClusterId(clusterId)
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dirs", logs.toString());
                    p.put("auto.create.topics.enable", "false");
                    p.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        if (bootstrap == null) {
            bootstrap = broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
            TopicSetup.createMissing(bootstrap, (short) 1, line -> { });
        }
        return bootstrap;
    }

    /** Stops the broker; clients see it gone. */
    public void stop() {
        broker.close();
    }

    public String bootstrap() {
        return bootstrap;
    }

    /**
     * Reads a topic from the beginning until {@code expected} records with the key prefix arrived (at most
     * 30 s), and a moment longer: anything beyond the expected count would be a duplicate.
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, String keyPrefix, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(r -> keep(records, r, keyPrefix));
            }
            c.poll(Duration.ofSeconds(1)).forEach(r -> keep(records, r, keyPrefix));
        }
        return records;
    }

    private static void keep(List<ConsumerRecord<String, byte[]>> records, ConsumerRecord<String, byte[]> r, String keyPrefix) {
        if (r.key() != null && r.key().startsWith(keyPrefix)) {
            records.add(r);
        }
    }

    @Override
    public void close() {
        if (broker != null && broker.isRunning()) {
            broker.close();
        }
    }
}
