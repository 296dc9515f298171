package io.smoketrace.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smoketrace.analyzer.repository.TraceRepository;
import io.smoketrace.common.deadletter.DeadLetter;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.RttStats;
import io.smoketrace.common.trace.ToolInfo;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import io.smoketrace.infra.SmokeTraceInfra;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The spine: a trace produced to the real broker is consumed by the analyzer and stored in the
 * real PostgreSQL through Hibernate Reactive; a broken record goes to the dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
class TraceSpineTest {

    private static final TopicCodec<Trace> TRACES = TopicCodec.of(Trace.class);

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    TraceRepository repository;

    @Test
    void traceOnTheTopicIsStoredOnceInPostgres() throws Exception {
        String agent = "spine-agent-" + UUID.randomUUID().toString().substring(0, 8);
        Trace trace = sampleTrace(agent, "example-target");

        try (KafkaProducer<String, byte[]> producer = producer()) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TRACES, null, trace.key(),
                    TRACES.encode(trace), CloudEventHeaders.create(TRACES.spec(), "/smoketrace/test"));
            producer.send(record).get();
            // The same trace again, as a spool replay would send it: stored once.
            producer.send(new ProducerRecord<>(Topics.TRACES, trace.key(), TRACES.encode(trace))).get();
        }

        List<StoredTrace> stored = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> latest(agent, "example-target"), rows -> !rows.isEmpty());

        StoredTrace row = stored.getFirst();
        assertThat(row.traceId).isEqualTo(trace.traceId());
        assertThat(row.startedAt.toInstant()).isEqualTo(trace.startedAt());
        assertThat(row.status).isEqualTo("COMPLETE");
        assertThat(row.destinationReached).isTrue();
        assertThat(row.hopCount).isEqualTo(3);
        assertThat(row.tool).isEqualTo("mtr");
        var hops = Json.mapper().readTree(row.hops);
        assertThat(hops.get(1).get("responders").get(0).get("address").asText()).isEqualTo("198.51.100.1");
        assertThat(hops.get(1).get("responders").get(1).get("address").asText()).isEqualTo("198.51.100.2");
        assertThat(hops.get(2).get("responders").get(0).get("rtt").get("avg").asDouble()).isEqualTo(12.5);

        // Give the duplicate time to be consumed, then check it did not add a row.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> latest(agent, "example-target").size() == 1);
    }

    @Test
    void brokenTraceGoesToDeadLetterWithTheFieldNamed() throws Exception {
        String key = "broken-agent/broken-target-" + UUID.randomUUID();
        byte[] broken = """
                {"formatVersion":1,"traceId":"x","agentId":"broken-agent","targetId":"t","targetHost":"h",
                 "status":"COMPLETE","destinationReached":true,"startedAt":"2026-11-21T10:00:00Z",
                 "tool":{"name":"mtr"},"hops":[{"ttl":0,"responders":[]}]}
                """.getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TRACES, key, broken)).get();
        }

        DeadLetter letter = awaitDeadLetter(key);
        assertThat(letter.sourceTopic()).isEqualTo(Topics.TRACES);
        assertThat(letter.consumer()).isEqualTo("path-analyzer");
        assertThat(letter.reason()).contains("hops[0].ttl").contains("hops[0].responders");
        assertThat(letter.payload()).isEqualTo(new String(broken, StandardCharsets.UTF_8));
    }

    private List<StoredTrace> latest(String agent, String target) throws Exception {
        try {
            // Hibernate Reactive sessions live on a Vert.x context, not on the test thread.
            return VertxContextSupport.subscribeAndAwait(
                    () -> sessions.withSession(s -> repository.latest(s, agent, target, 10)));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static DeadLetter awaitDeadLetter(String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "spine-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        TopicCodec<DeadLetter> codec = TopicCodec.of(DeadLetter.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            List<DeadLetter> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        assertThat(CloudEventHeaders.read(r.headers(), CloudEventHeaders.TYPE))
                                .isEqualTo("io.smoketrace.dead-letter.v1");
                        found.add(codec.decode(r.value()));
                    }
                }
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    static Trace sampleTrace(String agent, String target) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Double> samples = List.of(12.0, 13.0, 12.5);
        return new Trace(Trace.FORMAT_VERSION, UUID.randomUUID().toString(), agent, target, "203.0.113.10",
                "203.0.113.10", AddressFamily.IPV4, "192.0.2.10", ProbeProtocol.ICMP,
                new FlowIdentity(true, null, null, 4242, null), 3, 30, start, start.plusSeconds(3),
                new ToolInfo("mtr", "0.95", "mtr-json", "mtr --json -c 3 203.0.113.10"), TraceStatus.COMPLETE, true,
                null,
                List.of(new Hop(1, List.of(new Responder("192.0.2.1", null, null, 3, 3, 0, RttStats.of(samples),
                                samples, null, null))),
                        new Hop(2, List.of(
                                new Responder("198.51.100.1", null, null, 2, 2, 0, RttStats.of(List.of(5.0, 6.0)),
                                        List.of(5.0, 6.0), null, null),
                                new Responder("198.51.100.2", null, null, 1, 1, 0, RttStats.of(List.of(5.5)),
                                        List.of(5.5), null, null))),
                        new Hop(3, List.of(new Responder("203.0.113.10", null, null, 3, 3, 0, RttStats.of(samples),
                                samples, null, null)))),
                null, null);
    }
}
