package io.smoketrace.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smoketrace.agent.RouterLine;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import io.smoketrace.infra.SmokeTraceInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent, 1,000 targets at a 60 s interval, against a namespace lab: the packaged agent
 * ({@code target/quarkus-app/quarkus-run.jar}) runs as its own process, probes from {@code stb-agent}
 * through three routers ({@link RouterLine}, 10.232.0.0/16) to 1,000 addresses of a /22 the target
 * namespace answers for, and publishes to a real broker. After one interval of warm-up it measures two
 * intervals and prints the traces per minute that reached Kafka, the schedule lag (a trace's start
 * against its slot on the target's grid) p50/p99, the run time, and the agent's CPU: the JVM's own
 * (process CPU time / wall) and that of the tools it ran. Not a timed test: it prints; it asserts only
 * that every target ran. Needs root with ip, nft, mtr and traceroute. Takes about 3.5 minutes:
 * {@code ./mvnw -o -pl probe-agent package -DskipTests} first, then
 * {@code ./mvnw -o -pl probe-agent test -Dtest=ThousandTargetsBenchmark -Dsmoketrace.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "smoketrace.benchmark", matches = "true")
class ThousandTargetsBenchmark {

    private static final TopicCodec<Trace> TRACES = TopicCodec.of(Trace.class);
    private static final Path AGENT_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final int TARGETS = 1000;
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Duration WARM_UP = INTERVAL.plusSeconds(15);
    private static final Duration MEASURED = INTERVAL.multipliedBy(2);

    /** CPU time of a process from /proc (clock ticks of 10 ms): its own, and its waited-for children's. */
    private record CpuTicks(long self, long children) {
        static CpuTicks of(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state(3) ... utime(14) stime(15) cutime(16) cstime(17).
            return new CpuTicks(Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String address(int n) {
        int host = (8 << 8) + n;
        return "10.232." + (host >> 8) + "." + (host & 0xff);
    }

    /** Half Paris-style UDP, half ICMP, as traceroute runs them; 3 probes per hop. */
    private static String targetsYaml() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < TARGETS; i++) {
            yaml.append("- {targetId: bench-%04d, host: %s, tool: TRACEROUTE, protocol: %s, intervalSeconds: %d, probesPerHop: 3, maxTtl: 8, timeoutSeconds: 10}\n"
                    .formatted(i, address(i + 1), i % 2 == 0 ? "UDP" : "ICMP", INTERVAL.toSeconds()));
        }
        return yaml.toString();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    @Test
    void thousandTargetsThroughALineOfRouters(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(AGENT_JAR), "needs the packaged agent: ./mvnw -o -pl probe-agent package -DskipTests");
        String why = RouterLine.whyUnavailable();
        assumeTrue(why == null, () -> "no namespace lab: " + why);
        String agentId = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        int httpPort = freePort();
        Path targets = Files.writeString(dir.resolve("targets.yaml"), targetsYaml());
        Path log = Path.of("target", "thousand-targets-agent.log").toAbsolutePath();
        try (RouterLine line = RouterLine.build("stb", 232)) {
            line.addTargetPrefix("10.232.8.0/22");
            String bootstrap = SmokeTraceInfra.kafkaBootstrap();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", AGENT_JAR.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of(
                    "SMOKETRACE_AGENT_ID", agentId,
                    "SMOKETRACE_KAFKA_BOOTSTRAP", bootstrap,
                    "SMOKETRACE_AGENT_TARGETS_FILE", targets.toString(),
                    "SMOKETRACE_DATA_DIR", dir.resolve("data").toString(),
                    "SMOKETRACE_AGENT_COMMAND_PREFIX", String.join(" ", line.inAgent()),
                    "SMOKETRACE_HTTP_PORT", String.valueOf(httpPort)));
            Instant launched = Instant.now();
            Process agent = builder.start();
            List<Trace> traces = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
                pollUntil(consumer, agentId, traces, launched.plus(WARM_UP));
                assertThat(agent.isAlive()).as("the agent runs (its log: " + log + ")").isTrue();
                Instant from = Instant.now();
                CpuTicks cpuFrom = CpuTicks.of(agent.pid());
                pollUntil(consumer, agentId, traces, from.plus(MEASURED));
                Instant to = Instant.now();
                CpuTicks cpuTo = CpuTicks.of(agent.pid());
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/q/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                // Runs that started in the window and finished a little after it.
                pollUntil(consumer, agentId, traces, Instant.now().plusSeconds(15));
                report(traces, from, to, cpuFrom, cpuTo, metrics);
            } finally {
                agent.destroy();
                if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACES).stream()
                .map(i -> new TopicPartition(Topics.TRACES, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void pollUntil(KafkaConsumer<String, byte[]> consumer, String agentId, List<Trace> into, Instant until) {
        while (Instant.now().isBefore(until)) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.key() != null && r.key().startsWith(agentId + "/")) {
                    into.add(TRACES.decode(r.value()));
                }
            }
        }
    }

    private static void report(List<Trace> all, Instant from, Instant to, CpuTicks cpuFrom, CpuTicks cpuTo, String metrics) {
        List<Trace> window = all.stream().filter(t -> !t.startedAt().isBefore(from) && t.startedAt().isBefore(to)).toList();
        long intervalMillis = INTERVAL.toMillis();
        List<Long> lags = new ArrayList<>();
        List<Long> took = new ArrayList<>();
        for (Trace t : window) {
            long started = t.startedAt().toEpochMilli();
            long phase = RunSchedule.phaseMillis(t.targetId(), intervalMillis);
            lags.add(Math.floorMod(started - phase, intervalMillis));
            took.add(Duration.between(t.startedAt(), t.finishedAt()).toMillis());
        }
        Collections.sort(lags);
        Collections.sort(took);
        Map<TraceStatus, Long> statuses = new TreeMap<>(window.stream().collect(Collectors.groupingBy(Trace::status, Collectors.counting())));
        double minutes = Duration.between(from, to).toMillis() / 60_000.0;
        double wallTicks = Duration.between(from, to).toMillis() / 10.0;
        String skipped = metrics.lines().filter(l -> l.startsWith("smoketrace_agent_runs_skipped_total")).collect(Collectors.joining(", "));
        System.out.printf("""
                        ThousandTargetsBenchmark: %d targets at a %d s interval, traceroute (half UDP Paris, half ICMP, 3 probes/hop) \
                        through 3 routers, max-concurrent-runs 4, on %d cores
                          measured %.1f min after %d s of warm-up: %d traces in Kafka = %.0f traces/min (%d targets), statuses %s
                          schedule lag p50 %d ms, p99 %d ms, max %d ms; run time p50 %d ms, p99 %d ms
                          agent JVM CPU %.1f%% of one core (process CPU time / wall); the probe tools it ran %.1f%%
                          skipped runs: %s
                        """,
                TARGETS, INTERVAL.toSeconds(), Runtime.getRuntime().availableProcessors(), minutes, WARM_UP.toSeconds(), window.size(),
                window.size() / minutes, window.stream().map(Trace::targetId).distinct().count(), statuses,
                percentile(lags, 50), percentile(lags, 99), lags.getLast(), percentile(took, 50), percentile(took, 99),
                100.0 * (cpuTo.self() - cpuFrom.self()) / wallTicks, 100.0 * (cpuTo.children() - cpuFrom.children()) / wallTicks,
                skipped.isEmpty() ? "none" : skipped);
        assertThat(window.stream().map(Trace::targetId).distinct().count()).as("every target ran in the measured window").isEqualTo(TARGETS);
    }
}
