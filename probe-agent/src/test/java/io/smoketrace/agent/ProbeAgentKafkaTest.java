package io.smoketrace.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smoketrace.agent.probe.Targets;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.agent.ToolCapability;
import io.smoketrace.common.deadletter.DeadLetter;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.AgentSelector;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import io.smoketrace.infra.SmokeTraceInfra;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The agent end to end through a real broker and the real traceroute: a target published on the
 * targets topic is traced against loopback and the trace arrives on the traces topic with its
 * CloudEvents headers; the heartbeat lists the tools and the target; deleting the target stops it.
 */
@QuarkusTest
@TestProfile(ProbeAgentKafkaTest.Profile.class)
@QuarkusTestResource(value = SmokeTraceInfra.class, initArgs = @ResourceArg(name = SmokeTraceInfra.POSTGRES, value = "false"))
class ProbeAgentKafkaTest {

    static final String AGENT = "it-" + UUID.randomUUID().toString().substring(0, 8);

    /** A fresh agent id and data directory, heartbeats every second. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of(
                        "smoketrace.agent.id", AGENT,
                        "smoketrace.agent.site", "Integration Test",
                        "smoketrace.agent.tags", "test,loopback",
                        "smoketrace.agent.heartbeat-interval", "1s",
                        "smoketrace.agent.deny", "224.0.0.0/4,ff00::/8",
                        "smoketrace.agent.data-dir", Files.createTempDirectory(Files.createDirectories(Path.of("target")), "stagt-kafka-test").toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Reads a whole topic from the beginning, keeping the records for keys starting with the prefix. */
    private static final class TopicReader implements AutoCloseable {
        final KafkaConsumer<String, byte[]> consumer;
        final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
        final String keyPrefix;

        TopicReader(String topic, String keyPrefix) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            this.keyPrefix = keyPrefix;
        }

        List<ConsumerRecord<String, byte[]>> poll() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.key() != null && r.key().startsWith(keyPrefix)) {
                    records.add(r);
                }
            }
            return records;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static TargetSpec loopTarget(String id) {
        return Targets.withSelector(
                Targets.withInterval(Targets.target(id, "127.0.0.1", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true), 10, 20),
                new AgentSelector(List.of(), List.of("loopback")));
    }

    @Test
    void aTargetFromTheTopicIsTracedPublishedWithHeadersAndStopsWhenDeleted() throws Exception {
        String targetId = "loop-" + UUID.randomUUID().toString().substring(0, 6);
        TopicCodec<TargetSpec> targets = TopicCodec.of(TargetSpec.class);
        TopicCodec<Trace> traces = TopicCodec.of(Trace.class);
        TopicCodec<AgentHeartbeat> heartbeats = TopicCodec.of(AgentHeartbeat.class);
        try (KafkaProducer<String, byte[]> producer = producer();
             TopicReader traceReader = new TopicReader(Topics.TRACES, AGENT + "/" + targetId);
             TopicReader agentReader = new TopicReader(Topics.AGENTS, AGENT)) {
            TargetSpec other = Targets.withSelector(loopTarget("not-mine-" + targetId), new AgentSelector(List.of("elsewhere"), List.of()));
            producer.send(new ProducerRecord<>(Topics.TARGETS, other.targetId(), targets.encode(other))).get();
            producer.send(new ProducerRecord<>(Topics.TARGETS, targetId, targets.encode(loopTarget(targetId)))).get();
            // A broken record: refused, counted, sent to the dead-letter topic, and it stops nothing.
            producer.send(new ProducerRecord<>(Topics.TARGETS, "broken-" + targetId,
                    "{\"formatVersion\":1,\"targetId\":\"broken\"}".getBytes(StandardCharsets.UTF_8))).get();

            await().atMost(Duration.ofSeconds(45)).until(() -> !traceReader.poll().isEmpty());
            ConsumerRecord<String, byte[]> record = traceReader.records.getFirst();
            Trace trace = traces.decode(record.value());
            assertThat(record.key()).isEqualTo(AGENT + "/" + targetId);
            assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
            assertThat(trace.targetAddress()).isEqualTo("127.0.0.1");
            assertThat(trace.tool().name()).isEqualTo("traceroute");
            assertThat(trace.tool().command()).contains(" -n ").contains("-I");
            assertThat(trace.hops()).isNotEmpty();
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.ID)).isEqualTo(trace.traceId());
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE)).isEqualTo("io.smoketrace.trace.v1");
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.SOURCE)).isEqualTo("/smoketrace/probe-agent/" + AGENT);
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.TIME)).isNotBlank();

            await().atMost(Duration.ofSeconds(20)).until(() -> agentReader.poll().stream()
                    .map(r -> heartbeats.decode(r.value())).anyMatch(h -> h.targetIds().contains(targetId)));
            AgentHeartbeat beat = heartbeats.decode(agentReader.records.getLast().value());
            assertThat(beat.agentId()).isEqualTo(AGENT);
            assertThat(beat.site()).isEqualTo("Integration Test");
            assertThat(beat.tags()).containsExactly("test", "loopback");
            assertThat(beat.capabilities()).extracting(ToolCapability::tool).contains(ProbeTool.TRACEROUTE, ProbeTool.MTR);
            assertThat(beat.capabilities()).allMatch(c -> c.version() != null && c.path() != null);
            assertThat(beat.targetIds()).doesNotContain(other.targetId(), "broken-" + targetId);
            assertThat(CloudEventHeaders.read(agentReader.records.getLast().headers(), CloudEventHeaders.TYPE)).isEqualTo("io.smoketrace.agent.v1");

            try (TopicReader deadLetters = new TopicReader(Topics.DEAD_LETTER, "broken-" + targetId)) {
                TopicCodec<DeadLetter> letters = TopicCodec.of(DeadLetter.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> !deadLetters.poll().isEmpty());
                DeadLetter letter = letters.decode(deadLetters.records.getFirst().value());
                assertThat(letter.sourceTopic()).isEqualTo(Topics.TARGETS);
                assertThat(letter.consumer()).isEqualTo("probe-agent/" + AGENT);
                assertThat(letter.reason()).contains("host");
            }

            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("smoketrace_agent_targets_refused_total{source=\"topic\"}")
                    .contains("smoketrace_agent_runs_total{status=\"COMPLETE\",tool=\"traceroute\"}")
                    .contains("smoketrace_agent_traces_published_total")
                    .contains("smoketrace_agent_spool_depth")
                    .contains("smoketrace_agent_schedule_lag_seconds");

            producer.send(new ProducerRecord<>(Topics.TARGETS, targetId, null)).get();
            int before = agentReader.records.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<ConsumerRecord<String, byte[]>> all = agentReader.poll();
                return all.size() > before && !heartbeats.decode(all.getLast().value()).targetIds().contains(targetId);
            });
            Instant deleted = Instant.now();
            // Longer than the target's interval: a run that was still under way may land, none may start.
            Thread.sleep(12_000);
            traceReader.poll();
            List<Trace> after = new ArrayList<>();
            traceReader.records.forEach(r -> after.add(traces.decode(r.value())));
            assertThat(after).noneMatch(t -> t.startedAt().isAfter(deleted));
        }
    }

    @Test
    void readinessReportsKafkaAndTheSpool() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'probe-agent kafka and spool' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'probe-agent kafka and spool' }.data.spooledTraces", org.hamcrest.Matchers.notNullValue());
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'probe-agent scheduler' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }
}
