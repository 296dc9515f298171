package io.smoketrace.alerting.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smoketrace.alerting.fixtures.Events;
import io.smoketrace.alerting.fixtures.GreenMailResource;
import io.smoketrace.alerting.fixtures.Kafka;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.Json;
import io.smoketrace.infra.SmokeTraceInfra;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drives path events through the real Kafka broker at a fixed rate and measures, at a real webhook
 * receiver, the time from producing an event to receiving the notification that carries it. Not a
 * timed test: it prints the numbers. Run it with
 * {@code ./mvnw -pl alerting-service -am test -Dgroups=benchmark -Dtest=DeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.rate=1000 -Dbench.seconds=30} to change the load).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(GreenMailResource.class)
@TestProfile(DeliveryBenchmark.Profile.class)
class DeliveryBenchmark {

    /** Quiet per-alert logs; they would dominate the run. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"io.smoketrace.alerting.service.AlertPipeline\".level", "WARN",
                    "quarkus.log.category.\"io.smoketrace.alerting.service.DeliveryService\".level", "ERROR");
        }
    }

    @Test
    void eventToWebhookLatency() throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmup = Integer.getInteger("bench.warmup", 5);
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 6);

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latencyNanos = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            for (JsonNode alert : body.get("alerts")) {
                for (JsonNode id : alert.get("eventIds")) {
                    Long sent = sentAt.get(id.asText());
                    if (sent != null) {
                        latencyNanos.putIfAbsent(id.asText(), now - sent);
                    }
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            given().contentType(ContentType.JSON).body("""
                    {"receivers": [{"name": "bench-hook", "kind": "WEBHOOK", "url": "http://127.0.0.1:%d/hook", "parallelism": 16}],
                     "route": {"receiver": "bench-hook", "groupBy": ["rule", "agentId", "targetId"],
                               "groupWait": "0s", "groupInterval": "1m", "repeatInterval": "4h"}}
                    """.formatted(server.getAddress().getPort())).put("/api/routing").then().statusCode(200);
            given().contentType(ContentType.JSON).body("""
                    {"eventTypes": ["IP_PATH_CHANGED"], "severity": "WARNING"}
                    """).put("/api/rules/bench-path").then().statusCode(200);

            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            double loadBefore = os.getSystemLoadAverage();
            long cpuBefore = os.getProcessCpuTime();
            int total = rate * (seconds + warmup);
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = Kafka.producer()) {
                for (int i = 0; i < total; i++) {
                    long due = start + i * periodNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    // Each event opens a new alert in its own group: one notification per event.
                    PathEvent event = Events.of(EventType.IP_PATH_CHANGED, "agent-" + (i % 10), run + "-" + i)
                            .at(Instant.now()).build();
                    String id = i < rate * warmup ? "warmup-" + event.eventId() : event.eventId();
                    if (i >= rate * warmup) {
                        sentAt.put(id, System.nanoTime());
                    }
                    producer.send(Kafka.record(event));
                }
                producer.flush();
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            int measured = rate * seconds;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (latencyNanos.size() < measured && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
            long[] sorted = latencyNanos.values().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%n=== alerting delivery benchmark ===%n"
                            + "offered %d events/s for %d s (+%d s warm-up), produced in %.1f s; one new alert and one webhook notification per event%n"
                            + "delivered %d of %d measured events%n"
                            + "event produced -> webhook received: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                            + "test JVM (service, broker, producer, receiver; not PostgreSQL) used %.1f CPU s in %.1f s (%.2f of %d cores); load average %.1f before, %.1f after%n%n",
                    rate, seconds, warmup, sendSeconds, sorted.length, measured, pct(sorted, 0.50), pct(sorted, 0.90),
                    pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, cpuSeconds, wallSeconds,
                    cpuSeconds / wallSeconds, os.getAvailableProcessors(), loadBefore, os.getSystemLoadAverage());
            String metrics = given().get("/q/metrics").asString();
            metrics.lines().filter(l -> l.startsWith("smoketrace_alerting_pipeline_store") || l.startsWith("smoketrace_alerting_delivery_latency"))
                    .forEach(System.out::println);
            assertThat(sorted.length).as("every measured event delivered").isEqualTo(measured);
        } finally {
            server.stop(0);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
