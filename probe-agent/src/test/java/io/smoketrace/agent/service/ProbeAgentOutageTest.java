package io.smoketrace.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smoketrace.agent.RestartableBroker;
import io.smoketrace.agent.config.AgentConfig;
import io.smoketrace.agent.config.AgentSettings;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole agent (scheduler, real traceroute against loopback, spool, publisher) through a broker
 * outage and an agent restart: the broker stops while the agent traces, the agent shuts down (as on
 * SIGTERM) and a new one starts on the same data directory while Kafka is still away, the broker
 * comes back, and every trace either agent made is on the traces topic exactly once, in order per key.
 */
class ProbeAgentOutageTest {

    private static final TopicCodec<Trace> TRACES = TopicCodec.of(Trace.class);
    private static final String AGENT = "outage-agent";

    @TempDir
    Path temp;

    private AgentSettings settings(String bootstrap, Path targetsFile) {
        Map<String, String> properties = Map.of(
                "smoketrace.agent.id", AGENT,
                "smoketrace.agent.data-dir", temp.resolve("data").toString(),
                "smoketrace.agent.targets-file", targetsFile.toString());
        return AgentSettings.from(new SmallRyeConfigBuilder()
                .withMapping(AgentConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(AgentConfig.class));
    }

    private static double count(MeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void everyTraceMadeWhileKafkaWasDownArrivesOnceAcrossAnAgentRestart() throws Exception {
        Path targetsFile = Files.writeString(temp.resolve("targets.yaml"), """
                - {targetId: loop-a, host: 127.0.0.1, tool: TRACEROUTE, intervalSeconds: 10, probesPerHop: 1, maxTtl: 4, timeoutSeconds: 10}
                - {targetId: loop-b, host: 127.0.0.1, tool: TRACEROUTE, intervalSeconds: 10, probesPerHop: 1, maxTtl: 4, timeoutSeconds: 10}
                - {targetId: loop-c, host: "::1", tool: TRACEROUTE, intervalSeconds: 10, probesPerHop: 1, maxTtl: 4, timeoutSeconds: 10}
                """);
        try (RestartableBroker broker = new RestartableBroker(temp.resolve("kafka-logs"))) {
            String bootstrap = broker.start();
            AgentSettings settings = settings(bootstrap, targetsFile);

            MeterRegistry firstMeters = new SimpleMeterRegistry();
            ProbeAgent first = new ProbeAgent(settings, new AgentMetrics(firstMeters), bootstrap, "test");
            first.onStart(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(firstMeters, "smoketrace.agent.traces.published") >= 3);

            broker.stop();
            Instant down = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.spool().depth() >= 3);
            first.onStop(null);

            MeterRegistry secondMeters = new SimpleMeterRegistry();
            ProbeAgent second = new ProbeAgent(settings, new AgentMetrics(secondMeters), bootstrap, "test");
            second.onStart(null);
            assertThat(second.spool().depth()).as("the traces made while Kafka was down, kept across the restart").isGreaterThanOrEqualTo(3);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(secondMeters, "smoketrace.agent.runs") >= 3);

            broker.start();
            Instant up = Instant.now();
            await().atMost(Duration.ofSeconds(60)).until(() -> second.spool().depth() == 0);
            // No further runs: empty the targets file, let the last run land and drain, then stop.
            Files.writeString(targetsFile, "[]\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> second.heartbeat(AgentHeartbeat.AgentStatus.UP).targetIds().isEmpty()
                    && second.scheduler().running() == 0 && second.spool().depth() == 0);
            second.onStop(null);

            int made = (int) (count(firstMeters, "smoketrace.agent.runs") + count(secondMeters, "smoketrace.agent.runs"));
            List<ConsumerRecord<String, byte[]>> records = broker.readAll(Topics.TRACES, AGENT + "/", made);
            List<Trace> traces = records.stream().map(r -> TRACES.decode(r.value())).toList();
            assertThat(records).as("every run of either agent, once").hasSize(made);
            assertThat(traces).extracting(Trace::traceId).doesNotHaveDuplicates();
            assertThat(records).allSatisfy(r -> assertThat(CloudEventHeaders.read(r.headers(), CloudEventHeaders.ID))
                    .isEqualTo(TRACES.decode(r.value()).traceId()));
            assertThat(traces).filteredOn(t -> t.startedAt().isAfter(down) && t.startedAt().isBefore(up))
                    .as("traces made while Kafka was down").hasSizeGreaterThanOrEqualTo(6)
                    .allMatch(t -> t.status() == TraceStatus.COMPLETE);
            Map<String, List<Instant>> perKey = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                perKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(TRACES.decode(r.value()).startedAt());
            }
            assertThat(perKey).containsOnlyKeys(AGENT + "/loop-a", AGENT + "/loop-b", AGENT + "/loop-c");
            perKey.values().forEach(times -> assertThat(times).isSorted());
        }
    }
}
