package io.smoketrace.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.agent.ToolCapability;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.infra.SmokeTraceInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The agents page from heartbeats published to the real broker, as agents publish them. */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
class AgentsPageTest {

    private static final TopicCodec<AgentHeartbeat> CODEC = TopicCodec.of(AgentHeartbeat.class);

    private static AgentHeartbeat heartbeat(String agentId, Instant sentAt, long spooled) {
        return new AgentHeartbeat(1, agentId, "Site " + agentId, List.of("europe"), null, "0.1.0",
                sentAt.minusSeconds(600), sentAt, 30,
                List.of(new ToolCapability(ProbeTool.MTR, "0.95", "/usr/bin/mtr", List.of(ProbeProtocol.ICMP))),
                List.of(), spooled, AgentHeartbeat.AgentStatus.UP);
    }

    @Test
    void heartbeatsShowAgeStateToolsAndSpool() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (AgentHeartbeat beat : List.of(heartbeat("live-1", Instant.now(), 7),
                    heartbeat("gone-1", Instant.now().minus(Duration.ofMinutes(10)), 0))) {
                producer.send(new ProducerRecord<>(Topics.AGENTS, null, beat.agentId(), CODEC.encode(beat),
                        CloudEventHeaders.create(CODEC.spec(), "/smoketrace/probe-agent/" + beat.agentId()))).get();
            }
            producer.send(new ProducerRecord<>(Topics.AGENTS, "broken-1",
                    "{\"formatVersion\":1,\"agentId\":\"broken-1\"}".getBytes(StandardCharsets.UTF_8))).get();
        }

        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String rows = viewer.request().get("/agents/rows").then().statusCode(200).extract().asString();
            assertThat(rows).contains("id=\"agent-live-1\"", "id=\"agent-gone-1\"");
        });
        String page = viewer.request().get("/agents").then().statusCode(200).extract().asString();
        assertThat(section(page, "live-1")).contains("state-UP", "Site live-1", "MTR 0.95", ">7<");
        assertThat(section(page, "gone-1")).contains("STALE", "10 min ago");
        assertThat(page).contains("Records the console could not read", "broken-1");

        String metrics = viewer.request().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("smoketrace_ui_view_entries{topic=\"smoketrace.agents.v1\"}",
                "smoketrace_ui_records_unreadable_total{topic=\"smoketrace.agents.v1\"}");
    }

    /** The table row of one agent. */
    private static String section(String page, String agentId) {
        int start = page.indexOf("id=\"agent-" + agentId + "\"");
        assertThat(start).as("row of " + agentId).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
