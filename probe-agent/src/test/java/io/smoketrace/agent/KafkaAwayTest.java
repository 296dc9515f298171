package io.smoketrace.agent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The agent started with no Kafka to talk to: it still traces its local targets into the spool,
 * says it is not ready (with the spool depth and the error), stays alive, and counts the runs; edits of
 * its targets file apply while it runs, and a broken edit is refused and counted.
 */
@QuarkusTest
@TestProfile(KafkaAwayTest.Profile.class)
class KafkaAwayTest {

    @ConfigProperty(name = "smoketrace.agent.targets-file")
    Path targetsFile;

    /** A broker address nothing listens on, and a targets file with one loopback target. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                int closedPort;
                try (ServerSocket s = new ServerSocket(0)) {
                    closedPort = s.getLocalPort();
                }
                Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "stagt-kafka-away");
                Path targets = Files.writeString(dir.resolve("targets.yaml"), """
                        - targetId: loop
                          host: 127.0.0.1
                          tool: TRACEROUTE
                          intervalSeconds: 10
                          probesPerHop: 1
                          maxTtl: 4
                          timeoutSeconds: 10
                        """);
                return Map.of(
                        "kafka.bootstrap.servers", "localhost:" + closedPort,
                        "smoketrace.agent.id", "kafka-away",
                        "smoketrace.agent.heartbeat-interval", "1s",
                        "smoketrace.agent.targets-file", targets.toString(),
                        "smoketrace.agent.data-dir", dir.resolve("data").toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void keepsTracingIntoTheSpoolAndSaysItIsNotReady() {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == 'probe-agent kafka and spool' }.data.spooledTraces", greaterThanOrEqualTo(1))
                        .body("checks.find { it.name == 'probe-agent kafka and spool' }.data.kafkaError", org.hamcrest.Matchers.notNullValue()));
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'probe-agent scheduler' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("smoketrace_agent_runs_total{status=\"COMPLETE\",tool=\"traceroute\"}"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("smoketrace_agent_spool_depth 0.0")));
    }

    @Test
    void editsOfTheTargetsFileApplyWithoutARestartAndABrokenEditIsRefused() throws IOException {
        Files.writeString(targetsFile, """
                - targetId: loop
                  host: 127.0.0.1
                  tool: TRACEROUTE
                  intervalSeconds: 10
                  probesPerHop: 1
                  maxTtl: 4
                  timeoutSeconds: 10
                - targetId: loop6
                  host: ::1
                  tool: TRACEROUTE
                  probesPerHop: 1
                  maxTtl: 4
                """);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("smoketrace_agent_targets 2.0")));
        Files.writeString(targetsFile, """
                - targetId: loop
                  host: 127.0.0.1
                  tool: TRACEROUTE
                  maxTtl: 0
                """);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("smoketrace_agent_targets_refused_total{source=\"file\"} 1.0")));
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("smoketrace_agent_targets 2.0"));
    }
}
