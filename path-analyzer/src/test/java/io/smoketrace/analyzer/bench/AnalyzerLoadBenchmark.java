package io.smoketrace.analyzer.bench;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.analyzer.fixtures.TracePath;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.infra.SmokeTraceInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End-to-end load through the real broker and PostgreSQL: {@code bench.pairs} (agent, target) pairs
 * (default 10,000: 100 agents x 100 targets) with 30-hop paths, {@code bench.rounds} traces each
 * (default 3), and prints the traces per second the analyzer sustained from topic to committed
 * transaction. Not a timed test: it only reports. Run it with
 * {@code ./mvnw -pl path-analyzer test -Dgroups=benchmark -Dtest=AnalyzerLoadBenchmark}.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@Tag("benchmark")
class AnalyzerLoadBenchmark {

    private static final TopicCodec<Trace> TRACES = TopicCodec.of(Trace.class);
    private static final TopicCodec<RibRoute> RIB = TopicCodec.of(RibRoute.class);
    private static final int HOPS = 30;

    @Inject
    MeterRegistry registry;

    @Test
    void sustainedTracesPerSecond() throws Exception {
        int pairs = Integer.getInteger("bench.pairs", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int agents = (int) Math.ceil(Math.sqrt(pairs));
        int targets = (int) Math.ceil((double) pairs / agents);
        String run = UUID.randomUUID().toString().substring(0, 6);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < HOPS - 1; i++) {
                RibRoute route = Routes.route("bgp:198.18.0.1", "45.0." + i + ".0/24", "64500 " + (65000 + i / 3));
                producer.send(new ProducerRecord<>(Topics.BGP_RIB, route.key(), RIB.encode(route)));
            }
            RibRoute targetsRoute = Routes.route("bgp:198.18.0.1", "46.0.0.0/8", "64500 65100");
            producer.send(new ProducerRecord<>(Topics.BGP_RIB, targetsRoute.key(), RIB.encode(targetsRoute))).get();
        }
        // RIB records that arrive after the start-up load are applied after rib-repair-delay.
        Thread.sleep(3000);

        double before = stored();
        long cpuBefore = jvmCpuNanos();
        long pgBefore = childCpuNanos();
        long total = (long) pairs * rounds;
        Instant clock = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int round = 0; round < rounds; round++) {
                Instant at = clock.plus(Duration.ofMinutes(round));
                int sent = 0;
                for (int a = 0; a < agents && sent < pairs; a++) {
                    for (int t = 0; t < targets && sent < pairs; t++, sent++) {
                        Trace trace = path(a, t).build(UUID.randomUUID().toString(), "bench-" + run + "-a" + a,
                                "bench-" + run + "-t" + t, at);
                        producer.send(new ProducerRecord<>(Topics.TRACES, trace.key(), TRACES.encode(trace)));
                    }
                }
            }
        }
        double produced = (System.nanoTime() - start) / 1e9;
        System.out.printf("load: produced %,d traces (%d pairs x %d rounds, %d hops) in %.1f s%n", total, pairs, rounds, HOPS, produced);

        double[] half = {0, 0};
        long[] halfCpu = {0, 0};
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            double done = stored() - before;
            if (half[0] == 0 && done >= total / 2.0) {
                half[0] = (System.nanoTime() - start) / 1e9;
                half[1] = done;
                halfCpu[0] = jvmCpuNanos();
                halfCpu[1] = childCpuNanos();
            }
            return done >= total;
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("load: %,d traces analysed and stored in %.1f s: %.0f traces/s end to end; second half %.0f traces/s%n",
                total, elapsed, total / elapsed, (total - half[1]) / (elapsed - half[0]));
        // CPU per trace, for extrapolating from a busy shared machine: this JVM (producer, broker, analyzer)
        // and the PostgreSQL processes it started.
        double jvm = (jvmCpuNanos() - cpuBefore) / 1e3 / total;
        double pg = (childCpuNanos() - pgBefore) / 1e3 / total;
        System.out.printf("load: CPU per trace %.0f us in this JVM (producer, broker, analyzer, JIT) + %.0f us in PostgreSQL = %.0f us;"
                        + " %d cores: at most %.0f traces/s if all of it were ours%n", jvm, pg, jvm + pg,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors() * 1e6 / (jvm + pg));
        // The second half: the JIT has mostly finished and the producer is done; closer to the steady state.
        double rest = total - half[1];
        double jvm2 = (jvmCpuNanos() - halfCpu[0]) / 1e3 / rest;
        double pg2 = (childCpuNanos() - halfCpu[1]) / 1e3 / rest;
        System.out.printf("load: second half CPU per trace %.0f us in this JVM + %.0f us in PostgreSQL = %.0f us: %.0f traces/s on %d idle cores%n",
                jvm2, pg2, jvm2 + pg2, Runtime.getRuntime().availableProcessors() * 1e6 / (jvm2 + pg2),
                Runtime.getRuntime().availableProcessors());
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU of the test's PostgreSQL server (the postmaster on the test port) and its running backends. */
    private static long childCpuNanos() {
        String port = String.valueOf(SmokeTraceInfra.postgres().port());
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("postgres")
                        && java.util.Arrays.asList(p.info().arguments().orElse(new String[0])).contains(port))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private static TracePath path(int agent, int target) {
        String[] hops = new String[HOPS];
        for (int i = 0; i < HOPS - 1; i++) {
            hops[i] = "45.0." + i + "." + (1 + (agent + target + i) % 4);
        }
        hops[HOPS - 1] = "46." + (target / 256) + "." + (target % 256) + ".10";
        return TracePath.path(hops);
    }

    private double stored() {
        var counter = registry.find("smoketrace.analyzer.traces.stored").counter();
        return counter == null ? 0 : counter.count();
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
