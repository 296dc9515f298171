package io.smoketrace.bgp.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.infra.SmokeTraceInfra;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark harness, not a timed test: BIRD exports a full table of generated static routes to the
 * collector and, as the reference, to gobgpd; prints how long each took to hold the whole table (the
 * collector: every route on the RIB topic). Run as root with
 * {@code ./mvnw -pl bgp-collector test -Dtest=FullTableBenchmark -Dbgp.benchmark.prefixes=500000}.
 */
@QuarkusTest
@TestProfile(RoutingDaemonsTest.Peers.class)
@QuarkusTestResource(value = SmokeTraceInfra.class, initArgs = @ResourceArg(name = SmokeTraceInfra.POSTGRES, value = "false"))
@EnabledIfSystemProperty(named = "bgp.benchmark.prefixes", matches = "\\d+")
class FullTableBenchmark {

    private static final String BIRD_KEYS = "bgp:198.18.1.2|";
    private static final Pattern GOBGP_DESTINATIONS = Pattern.compile("Destination: (\\d+)");

    @Test
    void fullTableFromBird() throws Exception {
        TestNetwork.assumeAvailable();
        int prefixes = Integer.getInteger("bgp.benchmark.prefixes");
        Path routes = Files.createTempFile("stbgp-routes-", ".conf");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(routes))) {
            // /24s from 16.0.0.0 up, as many as asked; BIRD needs no next hop for blackhole routes.
            out.println("protocol static benchmark4 {");
            out.println("  ipv4;");
            for (int i = 0; i < prefixes; i++) {
                out.printf("  route %d.%d.%d.0/24 blackhole;%n", 16 + (i >>> 16), (i >>> 8) & 0xFF, i & 0xFF);
            }
            out.println("}");
        }
        long expected = prefixes + 2L;
        try (RibCounter rib = new RibCounter(SmokeTraceInfra.kafkaBootstrap())) {
            long started = System.nanoTime();
            try (TestNetwork network = TestNetwork.up(RoutingDaemonsTest.BGP_PORT, RoutingDaemonsTest.BMP_PORT, routes.toString())) {
                double collector = -1;
                double reference = -1;
                long deadline = started + Duration.ofMinutes(30).toNanos();
                while ((collector < 0 || reference < 0) && System.nanoTime() < deadline) {
                    if (collector < 0 && rib.poll() >= expected) {
                        collector = (System.nanoTime() - started) / 1e9;
                    }
                    if (reference < 0 && gobgpDestinations(network) >= expected) {
                        reference = (System.nanoTime() - started) / 1e9;
                    }
                }
                System.out.printf("%nFULL TABLE BENCHMARK (%d prefixes from BIRD, times from daemon start)%n", expected);
                System.out.printf("  bgp-collector: complete on %s after %s%n", Topics.BGP_RIB, describe(collector, expected));
                System.out.printf("  gobgpd (reference): complete in its RIB after %s%n%n", describe(reference, expected));
            }
        } finally {
            Files.deleteIfExists(routes);
        }
    }

    private static String describe(double seconds, long prefixes) {
        return seconds < 0 ? "NOT COMPLETE within 30 min" : String.format("%.1f s (%.0f prefixes/s)", seconds, prefixes / seconds);
    }

    private static long gobgpDestinations(TestNetwork network) throws IOException, InterruptedException {
        Matcher matcher = GOBGP_DESTINATIONS.matcher(network.gobgp("global", "rib", "summary", "-a", "ipv4"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** Counts the routes BIRD's session currently has on the RIB topic, reading only keys. */
    private static final class RibCounter implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Set<String> keys = new HashSet<>();

        RibCounter(String bootstrap) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50000");
            consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.BGP_RIB).forEach(p -> partitions.add(new TopicPartition(Topics.BGP_RIB, p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        long poll() {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key().startsWith(BIRD_KEYS)) {
                    if (record.value() == null) {
                        keys.remove(record.key());
                    } else {
                        keys.add(record.key());
                    }
                }
            }
            return keys.size();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
