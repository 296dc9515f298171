package io.smoketrace.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.smoketrace.agent.spool.TraceSpool;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.ToolInfo;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import io.smoketrace.infra.TopicSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool and publisher through a real broker that goes away: traces made while it is down wait
 * in the spool, drain in order when it is back, also across an agent restart in between, and each
 * arrives exactly once.
 */
class BrokerOutageTest {

    private static final TopicCodec<Trace> CODEC = TopicCodec.of(Trace.class);
    private static final String AGENT = "outage";

    @TempDir
    Path temp;

    private int kafkaPort;
    private int controllerPort;
    private final String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    private EmbeddedKafkaBroker broker;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String startBroker() {
        Path logs = temp.resolve("kafka-logs");
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
        return broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
    }

    @AfterEach
    void stopBroker() {
        if (broker != null && broker.isRunning()) {
            broker.close();
        }
    }

    private static Trace trace(int n) {
        Instant at = Instant.parse("2026-11-21T10:00:00Z").plusSeconds(n);
        return new Trace(Trace.FORMAT_VERSION, UUID.randomUUID().toString(), AGENT, "target-" + (n % 3), "192.0.2.1", "192.0.2.1",
                null, null, null, null, null, null, at, at.plusSeconds(1), new ToolInfo("mtr", "0.95", "mtr-json", null),
                TraceStatus.UNREACHED, false, null, List.of(), null, null);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.TRACES).stream()
                    .map(i -> new TopicPartition(Topics.TRACES, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // Anything beyond the expected count would be a duplicate: give it a moment to show up.
            c.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    private record Agent(TraceSpool spool, KafkaLink link, TracePublisher publisher) {
        void stop() throws Exception {
            publisher.stop(Duration.ofSeconds(5));
            link.close();
            spool.close();
        }
    }

    private Agent startAgent(String bootstrap) throws IOException {
        TraceSpool spool = TraceSpool.open(temp.resolve("spool"), 1 << 24, 1 << 16, (r, b) -> { });
        KafkaLink link = new KafkaLink(bootstrap, "outage-test", Duration.ofSeconds(30));
        TracePublisher publisher = new TracePublisher(spool, link, AGENT, 50, n -> { });
        publisher.start();
        return new Agent(spool, link, publisher);
    }

    @Test
    void tracesMadeWhileKafkaIsDownArriveInOrderExactlyOnce() throws Exception {
        kafkaPort = freePort();
        controllerPort = freePort();
        String bootstrap = startBroker();
        TopicSetup.createMissing(bootstrap, (short) 1, line -> { });
        List<Trace> made = new ArrayList<>();
        Agent agent = startAgent(bootstrap);
        for (int i = 0; i < 20; i++) {
            made.add(trace(made.size()));
            agent.spool().append(CODEC.encode(made.getLast()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.spool().depth() == 0);

        // Outage 1: the broker goes, traces pile up, the broker comes back to the same publisher.
        broker.close();
        for (int i = 0; i < 30; i++) {
            made.add(trace(made.size()));
            agent.spool().append(CODEC.encode(made.getLast()));
        }
        Thread.sleep(3000);
        assertThat(agent.spool().depth()).isEqualTo(30);
        assertThat(agent.link().check(Duration.ofSeconds(1))).as("readiness sees the broker gone").isFalse();
        assertThat(agent.link().state().lastError()).isNotBlank();
        startBroker();
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.spool().depth() == 0);

        // Outage 2: the broker goes, and the agent restarts before it is back: the spool carries the traces over.
        broker.close();
        for (int i = 0; i < 25; i++) {
            made.add(trace(made.size()));
            agent.spool().append(CODEC.encode(made.getLast()));
        }
        Thread.sleep(2000);
        agent.stop();
        Agent restarted = startAgent(bootstrap);
        assertThat(restarted.spool().depth()).isEqualTo(25);
        startBroker();
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.spool().depth() == 0);
        restarted.stop();

        List<ConsumerRecord<String, byte[]>> records = readAll(bootstrap, made.size());
        List<String> ids = records.stream().map(r -> CloudEventHeaders.read(r.headers(), CloudEventHeaders.ID)).toList();
        assertThat(ids).as("every trace exactly once").containsExactlyInAnyOrderElementsOf(made.stream().map(Trace::traceId).toList());
        Map<String, List<Instant>> perKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Trace t = CODEC.decode(r.value());
            assertThat(r.key()).isEqualTo(t.key());
            perKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(t.startedAt());
        }
        // Ordered per key (one partition each), as the analyzer relies on.
        perKey.values().forEach(times -> assertThat(times).isSorted());
    }
}
