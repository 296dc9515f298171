package io.smoketrace.analyzer;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.analyzer.fixtures.TracePath;
import io.smoketrace.analyzer.service.TraceIngestService;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.deadletter.DeadLetter;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot.HopSnapshot;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.infra.SmokeTraceInfra;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The analyzer end to end through the real broker and PostgreSQL: RIB routes, a target, an agent, a
 * BGP update and traces in; the right path events out on the topic, with AS annotations and the BGP
 * update that explains the change; state that survives a restart (from PostgreSQL); no duplicate after
 * a replay; the REST API over what was stored.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
class PathAnalysisFlowTest {

    private static final TopicCodec<Trace> TRACES = TopicCodec.of(Trace.class);
    private static final TopicCodec<RibRoute> RIB = TopicCodec.of(RibRoute.class);
    private static final TopicCodec<RouteUpdate> UPDATES = TopicCodec.of(RouteUpdate.class);
    private static final TopicCodec<TargetSpec> TARGETS = TopicCodec.of(TargetSpec.class);
    private static final TopicCodec<AgentHeartbeat> AGENTS = TopicCodec.of(AgentHeartbeat.class);
    private static final TopicCodec<PathEvent> EVENTS = TopicCodec.of(PathEvent.class);

    @Inject
    PathAnalyzer analyzer;

    @Inject
    TraceIngestService ingest;

    @Test
    void anAsPathChangeExplainedByBgpIsPublishedOnceAcrossARestartAndAReplay() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String agent = "flow-agent-" + suffix;
        String target = "flow-target-" + suffix;
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));

        try (KafkaProducer<String, byte[]> producer = TraceSpineTest.producer()) {
            for (RibRoute route : List.of(Routes.route(Lab.PEER, "198.18.0.0/15", "64500"),
                    Routes.route(Lab.PEER, "198.51.100.0/24", "64500 64501"),
                    Routes.route(Lab.PEER, "192.0.2.0/24", "64500 64502"),
                    Routes.route(Lab.PEER, "203.0.113.0/24", "64500 64501 64510"))) {
                producer.send(new ProducerRecord<>(Topics.BGP_RIB, route.key(), RIB.encode(route))).get();
            }
            producer.send(new ProducerRecord<>(Topics.TARGETS, target, TARGETS.encode(target(target)))).get();
            producer.send(new ProducerRecord<>(Topics.AGENTS, agent, AGENTS.encode(agent(agent)))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/rib/lookup?address=203.0.113.10").statusCode() == 200);

        List<Trace> sent = new ArrayList<>();
        Instant[] clock = {t0};
        // The usual path, three times: known, no event.
        for (int i = 0; i < 3; i++) {
            sent.add(send(Lab.usual(), agent, target, clock));
        }
        awaitStored(agent, target, sent.getLast());

        // BGP moves the target's prefix to the other transit just before the data plane follows.
        RouteUpdate update = Routes.announce(Lab.PEER, "203.0.113.0/24", "64500 64502 64510", clock[0].plusSeconds(30));
        try (KafkaProducer<String, byte[]> producer = TraceSpineTest.producer()) {
            producer.send(new ProducerRecord<>(Topics.BGP_UPDATES, update.prefix(), UPDATES.encode(update))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("target", target).queryParam("type", "BGP_ROUTE_CHANGED")
                .get("/api/events").jsonPath().getList("$").size() == 1);

        sent.add(send(Lab.viaOtherTransit(), agent, target, clock));
        awaitStored(agent, target, sent.getLast());

        // A restart in the middle of the confirmation: the pair's state must come back from PostgreSQL.
        analyzer.forget(agent, target);
        ingest.forgetRestored();
        sent.add(send(Lab.viaOtherTransit(), agent, target, clock));

        List<ConsumerRecord<String, byte[]>> records = awaitEvents(agent + "/" + target, 3);
        List<PathEvent> events = records.stream().map(r -> EVENTS.decode(r.value())).toList();
        assertThat(events).extracting(PathEvent::type)
                .containsExactly(EventType.BGP_ROUTE_CHANGED, EventType.IP_PATH_CHANGED, EventType.AS_PATH_CHANGED);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.ID)).isEqualTo(EVENTS.decode(record.value()).eventId());
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE)).isEqualTo("io.smoketrace.path-event.v1");
        }
        PathEvent asChange = events.get(2);
        assertThat(asChange.hop()).isEqualTo(4);
        assertThat(asChange.hopAddress()).isEqualTo("192.0.2.1");
        assertThat(asChange.before().asPath()).containsExactly(64500L, 64501L, 64510L);
        assertThat(asChange.after().asPath()).containsExactly(64500L, 64502L, 64510L);
        HopSnapshot hop4 = asChange.after().hops().get(3);
        assertThat(hop4.responders().getFirst().asn()).isEqualTo(64502L);
        assertThat(hop4.responders().getFirst().prefix()).isEqualTo("192.0.2.0/24");
        assertThat(asChange.bgpUpdates()).containsExactly(update);
        assertThat(asChange.summary()).contains("explained by BGP");
        assertThat(asChange.labels()).containsEntry("site", "Flow Site").containsEntry("tags", "web,flow");
        assertThat(asChange.traceIds()).containsExactly(sent.get(3).traceId(), sent.get(4).traceId());

        // A replay of every trace (as after a lost commit) stores nothing twice and publishes nothing again.
        try (KafkaProducer<String, byte[]> producer = TraceSpineTest.producer()) {
            for (Trace trace : sent) {
                producer.send(new ProducerRecord<>(Topics.TRACES, trace.key(), TRACES.encode(trace))).get();
            }
        }
        Trace marker = send(Lab.viaOtherTransit(), agent, target, clock);
        awaitStored(agent, target, marker);
        assertThat(awaitEvents(agent + "/" + target, 3)).hasSize(3);
        given().queryParam("target", target).get("/api/events").then().statusCode(200).body("$", hasSize(3));

        // The REST API over what was stored.
        given().queryParam("target", target).queryParam("agent", agent).queryParam("type", "AS_PATH_CHANGED")
                .get("/api/events").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].eventId", equalTo(asChange.eventId()));
        given().queryParam("type", "NOT_A_TYPE").get("/api/events").then().statusCode(400)
                .body("message", containsString("AS_PATH_CHANGED"));
        given().queryParam("from", "yesterday").get("/api/events").then().statusCode(400).body("message", containsString("ISO-8601"));

        get("/api/targets").then().statusCode(200)
                .body("find { it.targetId == '" + target + "' }.tags", hasItem("flow"))
                .body("find { it.targetId == '" + target + "' }.agents[0].agentId", equalTo(agent))
                .body("find { it.targetId == '" + target + "' }.agents[0].site", equalTo("Flow Site"))
                .body("find { it.targetId == '" + target + "' }.agents[0].currentPathId", equalTo(asChange.after().pathId()))
                .body("find { it.targetId == '" + target + "' }.agents[0].lastTraceId", equalTo(marker.traceId()));
        get("/api/targets/" + target + "/agents/" + agent + "/path").then().statusCode(200)
                .body("pathId", equalTo(asChange.after().pathId()))
                .body("asPath", equalTo(List.of(64500, 64502, 64510)))
                .body("hops[3].responders[0].asn", equalTo(64502))
                .body("hops[0].responders[0].addressClass", equalTo("PRIVATE"));
        get("/api/targets/" + target + "/agents/" + agent + "/paths").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].id", equalTo(asChange.after().pathId()))
                .body("[1].asPath", equalTo(List.of(64500, 64501, 64510)));
        get("/api/targets/" + target + "/agents/nobody/paths").then().statusCode(404).body("message", containsString("nobody"));

        get("/api/traces/" + sent.get(3).traceId()).then().statusCode(200)
                .body("agentId", equalTo(agent)).body("pathVersionId", equalTo(asChange.after().pathId()))
                .body("hopStats", hasSize(8)).body("hopStats[7].lossPercent", equalTo(0.0f));
        get("/api/traces/" + sent.get(0).traceId() + "/diff/" + sent.get(3).traceId()).then().statusCode(200)
                .body("samePathVersion", equalTo(false))
                .body("firstDifferentTtl", equalTo(4))
                .body("hops[3].change", equalTo("DIFFERENT"))
                .body("hops[3].otherResponders[0].asn", equalTo(64502))
                .body("hops[0].change", equalTo("SAME"));
        get("/api/traces/no-such-trace").then().statusCode(404).body("message", containsString("no-such-trace"));

        get("/api/rib/lookup?address=203.0.113.10").then().statusCode(200)
                .body("prefix", equalTo("203.0.113.0/24")).body("originAs", equalTo(64510))
                .body("routes[0].peerId", equalTo(Lab.PEER)).body("routes[0].asPath", equalTo("64500 64502 64510"));
        get("/api/rib/lookup?address=10.1.2.3").then().statusCode(200).body("addressClass", equalTo("PRIVATE"));
        get("/api/rib/lookup?address=not-an-address").then().statusCode(400).body("message", containsString("not-an-address"));
        get("/api/rib/lookup?address=100.64.0.1").then().statusCode(200).body("addressClass", equalTo("SHARED"));
        get("/api/rib/lookup").then().statusCode(400);
    }

    @Test
    void aMalformedRibRecordGoesToTheDeadLetterTopicAndTheRibGoesOn() throws Exception {
        String key = "bgp:192.0.2.99|" + UUID.randomUUID();
        byte[] broken = """
                {"formatVersion":1,"source":"BGP","prefix":"198.18.99.0/24"}
                """.getBytes(StandardCharsets.UTF_8);
        RibRoute good = Routes.route("bgp:192.0.2.98", "198.19.250.0/24", "64500 64599");
        try (KafkaProducer<String, byte[]> producer = TraceSpineTest.producer()) {
            producer.send(new ProducerRecord<>(Topics.BGP_RIB, key, broken)).get();
            producer.send(new ProducerRecord<>(Topics.BGP_RIB, good.key(), RIB.encode(good))).get();
        }

        DeadLetter letter = TraceSpineTest.awaitDeadLetter(key);
        assertThat(letter.sourceTopic()).isEqualTo(Topics.BGP_RIB);
        assertThat(letter.consumer()).isEqualTo("path-analyzer");
        assertThat(letter.reason()).contains("peer");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/api/rib/lookup?address=198.19.250.7").then()
                .statusCode(200).body("originAs", equalTo(64599)));
    }

    private static Trace send(TracePath path, String agent, String target, Instant[] clock) throws Exception {
        clock[0] = clock[0].plus(Duration.ofMinutes(1));
        Trace trace = path.build(UUID.randomUUID().toString(), agent, target, clock[0]);
        try (KafkaProducer<String, byte[]> producer = TraceSpineTest.producer()) {
            producer.send(new ProducerRecord<>(Topics.TRACES, null, trace.key(), TRACES.encode(trace),
                    CloudEventHeaders.create(TRACES.spec(), "/smoketrace/test"))).get();
        }
        return trace;
    }

    private static void awaitStored(String agent, String target, Trace trace) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            var response = get("/api/targets");
            return response.statusCode() == 200 && trace.traceId().equals(response.jsonPath()
                    .getString("find { it.targetId == '" + target + "' }.agents.find { it.agentId == '" + agent + "' }.lastTraceId"));
        });
    }

    /** Waits for at least {@code expected} events of the pair on the topic, then a little longer for any extra. */
    private static List<ConsumerRecord<String, byte[]>> awaitEvents(String key, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "flow-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PATH_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                poll(consumer, key, found);
                return found.size() >= expected;
            });
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                poll(consumer, key, found);
            }
        }
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : found) {
            assertThat(ids.add(CloudEventHeaders.read(record.headers(), CloudEventHeaders.ID))).as("published once").isTrue();
        }
        return found;
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, String key, List<ConsumerRecord<String, byte[]>> found) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            if (key.equals(record.key())) {
                found.add(record);
            }
        }
    }

    private static TargetSpec target(String targetId) {
        return new TargetSpec(TargetSpec.FORMAT_VERSION, targetId, Lab.TARGET, null, ProbeTool.MTR, ProbeProtocol.ICMP, null, 60, 10,
                30, 60, true, null, List.of("web", "flow"), "flow test target", null, true, Instant.now(), "test");
    }

    private static AgentHeartbeat agent(String agentId) {
        Instant now = Instant.now();
        return new AgentHeartbeat(AgentHeartbeat.FORMAT_VERSION, agentId, "Flow Site", List.of(), null, "0.1.0", now, now, 30,
                List.of(), List.of(), 0, AgentHeartbeat.AgentStatus.UP);
    }
}
