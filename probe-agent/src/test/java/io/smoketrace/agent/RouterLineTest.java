package io.smoketrace.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.AgentSelector;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import io.smoketrace.infra.SmokeTraceInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole agent against real paths: network namespaces {@code sta-agent -> sta-r1 -> sta-r2 -> sta-r3 -> sta-target}
 * ({@link RouterLine}, 10.231.0.0/16 and fd00:231::/32), the agent probing from {@code sta-agent} through its
 * {@code command-prefix} with the real mtr and traceroute, its targets from the targets topic and its traces
 * read back from the real broker. First the clean path: every TTL answered by the expected router, no loss.
 * Then r2 drops 70% of what it forwards to r3: the traces show loss at TTL 3 (r3) and at the target, and
 * none at r1 and r2. Needs root with ip, nft, mtr and traceroute (skipped otherwise, saying which).
 */
@QuarkusTest
@TestProfile(RouterLineTest.Profile.class)
@QuarkusTestResource(value = SmokeTraceInfra.class, initArgs = @ResourceArg(name = SmokeTraceInfra.POSTGRES, value = "false"))
class RouterLineTest {

    static final String AGENT = "sta-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "sta";
    static final int NET = 231;
    /** 10 probes per hop (traceroute's most) at 70% loss: no probe lost at a hop is a 1 in 170,000 chance. */
    static final int DROP_PERCENT = 70;
    static final int PROBES = 10;

    private static final TopicCodec<Trace> TRACES = TopicCodec.of(Trace.class);
    private static final TopicCodec<TargetSpec> TARGETS = TopicCodec.of(TargetSpec.class);
    private static final int SPORT_LOW = 31000;
    private static final int SPORT_HIGH = 31999;

    private static RouterLine line;
    private static final List<String> published = new ArrayList<>();

    /** The agent probes from the line's agent namespace. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of(
                        "smoketrace.agent.id", AGENT,
                        "smoketrace.agent.command-prefix", "ip netns exec " + PREFIX + "-agent",
                        "smoketrace.agent.source-ports", SPORT_LOW + "-" + SPORT_HIGH,
                        "smoketrace.agent.max-concurrent-runs", "4",
                        "smoketrace.agent.data-dir",
                        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "sta-router-line").toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void buildLine() throws Exception {
        String why = RouterLine.whyUnavailable();
        assumeTrue(why == null, () -> "no namespace lab: " + why);
        line = RouterLine.build(PREFIX, NET);
    }

    @AfterAll
    static void tearDown() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String targetId : published) {
                producer.send(new ProducerRecord<>(Topics.TARGETS, targetId, null)).get();
            }
        } finally {
            if (line != null) {
                line.close();
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static TargetSpec target(String id, String host, ProbeTool tool, ProbeProtocol protocol) {
        return new TargetSpec(TargetSpec.FORMAT_VERSION, id, host, null, tool, protocol, null, 10, PROBES, 8, 30, true,
                new AgentSelector(List.of(AGENT), List.of()), List.of(), "router line test", null, true, null, null);
    }

    /** This agent's traces on the traces topic, read from the beginning. */
    private static final class TraceReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<Trace> traces = new ArrayList<>();

        TraceReader() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACES).stream()
                    .map(i -> new TopicPartition(Topics.TRACES, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** The first trace of the target that started after {@code since}, once it has arrived. */
        Optional<Trace> first(String targetId, Instant since) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.key() != null && r.key().startsWith(AGENT + "/")) {
                    traces.add(TRACES.decode(r.value()));
                }
            }
            return traces.stream().filter(t -> t.targetId().equals(targetId) && t.startedAt().isAfter(since)).findFirst();
        }

        /** Waits for the first trace of each target that started after {@code since}. */
        Map<String, Trace> firstOfEach(List<String> targetIds, Instant since) {
            await().atMost(Duration.ofSeconds(60)).until(() -> targetIds.stream().allMatch(id -> first(id, since).isPresent()));
            return targetIds.stream().collect(Collectors.toMap(id -> id, id -> first(id, since).orElseThrow()));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    @Test
    void theAgentSeesEveryRouterAndTheLossFromTheLinkItIsMadeOn() throws Exception {
        List<TargetSpec> targets = List.of(
                target("mtr-udp-v4", line.targetV4(), ProbeTool.MTR, ProbeProtocol.UDP),
                target("mtr-icmp-v6", line.targetV6(), ProbeTool.MTR, ProbeProtocol.ICMP),
                target("tr-icmp-v6", line.targetV6(), ProbeTool.TRACEROUTE, ProbeProtocol.ICMP),
                target("tr-udp-v4", line.targetV4(), ProbeTool.TRACEROUTE, ProbeProtocol.UDP));
        List<String> ids = targets.stream().map(TargetSpec::targetId).toList();
        try (KafkaProducer<String, byte[]> producer = producer(); TraceReader reader = new TraceReader()) {
            Instant start = Instant.now();
            for (TargetSpec t : targets) {
                published.add(t.targetId());
                producer.send(new ProducerRecord<>(Topics.TARGETS, t.targetId(), TARGETS.encode(t))).get();
            }

            Map<String, Trace> clean = reader.firstOfEach(ids, start);
            for (TargetSpec t : targets) {
                Trace trace = clean.get(t.targetId());
                assertRan(trace, t);
                assertThat(trace.status()).as(t.targetId()).isEqualTo(TraceStatus.COMPLETE);
                assertThat(trace.hops()).as(t.targetId() + ": the hops").extracting(Hop::ttl).containsExactly(1, 2, 3, 4);
                List<String> path = path(trace);
                for (Hop hop : trace.hops()) {
                    assertThat(hop.responders()).as(t.targetId() + " TTL " + hop.ttl()).extracting(Responder::address)
                            .containsExactly(path.get(hop.ttl() - 1));
                    assertThat(hop.received()).as(t.targetId() + " TTL " + hop.ttl() + ": replies").isEqualTo(hop.sent()).isEqualTo(PROBES);
                }
            }

            // Paris-style UDP traceroute sends one probe at a time and waits 5 s for each lost one: too slow for a lossy path.
            producer.send(new ProducerRecord<>(Topics.TARGETS, "tr-udp-v4", null)).get();
            line.dropOnR2ToR3(DROP_PERCENT);
            Instant lossy = Instant.now();

            List<String> stillRunning = ids.subList(0, 3);
            Map<String, Trace> lossyTraces = reader.firstOfEach(stillRunning, lossy);
            for (TargetSpec t : targets.subList(0, 3)) {
                Trace trace = lossyTraces.get(t.targetId());
                assertRan(trace, t);
                assertThat(trace.destinationReached()).as(t.targetId()).isTrue();
                List<String> path = path(trace);
                for (Hop hop : trace.hops()) {
                    // Past TTL 4 only when every probe to the target at TTL 4 was lost; then the target answers later TTLs.
                    String expected = path.get(Math.min(hop.ttl(), 4) - 1);
                    assertThat(hop.responders()).as(t.targetId() + " TTL " + hop.ttl())
                            .allMatch(r -> r.isNoReply() || r.address().equals(expected));
                }
                assertThat(hop(trace, 1).received()).as(t.targetId() + ": r1 loses nothing").isEqualTo(hop(trace, 1).sent()).isEqualTo(PROBES);
                assertThat(hop(trace, 2).received()).as(t.targetId() + ": r2 loses nothing").isEqualTo(hop(trace, 2).sent()).isEqualTo(PROBES);
                assertThat(hop(trace, 3).received()).as(t.targetId() + ": loss at r3, behind the lossy link").isLessThan(hop(trace, 3).sent());
                assertThat(hop(trace, 4).received()).as(t.targetId() + ": loss at the target").isLessThan(hop(trace, 4).sent());
            }
        }
    }

    private static List<String> path(Trace trace) {
        return trace.addressFamily() == AddressFamily.IPV6 ? line.pathV6() : line.pathV4();
    }

    private static Hop hop(Trace trace, int ttl) {
        return trace.hops().stream().filter(h -> h.ttl() == ttl).findFirst().orElseThrow(() -> new AssertionError(
                trace.targetId() + " has no hop at TTL " + ttl + ": " + trace.hops()));
    }

    /** The trace is this target's, made from the agent's namespace with the tool and the flow it asked for. */
    private static void assertRan(Trace trace, TargetSpec t) {
        String command = trace.tool().command();
        assertThat(trace.agentId()).isEqualTo(AGENT);
        assertThat(trace.error()).as(t.targetId()).isNull();
        assertThat(trace.targetAddress()).isEqualTo(t.host());
        assertThat(trace.tool().name()).isEqualTo(t.tool().name().toLowerCase(Locale.ROOT));
        assertThat(command).as(t.targetId()).startsWith("ip netns exec " + PREFIX + "-agent ");
        assertThat(trace.protocol()).as(t.targetId()).isEqualTo(t.protocol());
        if (t.protocol() == ProbeProtocol.UDP) {
            // Paris style: one source and destination port for the whole run, the ones on the command line.
            assertThat(trace.flow().constant()).as(t.targetId()).isTrue();
            assertThat(trace.flow().destinationPort()).isEqualTo(33434);
            assertThat(trace.flow().sourcePort()).isBetween(SPORT_LOW, SPORT_HIGH);
            assertThat(command).contains(t.tool() == ProbeTool.MTR
                    ? "--udp -P 33434 -L " + trace.flow().sourcePort() + " "
                    : "-U -p 33434 --sport=" + trace.flow().sourcePort() + " ");
        } else {
            // mtr and traceroute step the ICMP sequence: the flow is not held, and the trace says so.
            assertThat(trace.flow().constant()).as(t.targetId()).isFalse();
            assertThat(trace.flow().sourcePort()).isNull();
            assertThat(trace.flow().destinationPort()).isNull();
            assertThat(command).contains(t.tool() == ProbeTool.MTR ? " -6 " : " -I ");
        }
    }
}
