package io.smoketrace.bgp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.bgp.TestData;
import io.smoketrace.bgp.it.TopicWatcher;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.bgp.RouteUpdate.Action;
import io.smoketrace.infra.SmokeTraceInfra;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code mrt-import} against a real broker: RIB dumps become RIB records, update archives become updates.
 * A Quarkus test only to share the JVM's one broker with the other Quarkus tests (the command itself
 * runs without Quarkus).
 */
@QuarkusTest
@QuarkusTestResource(value = SmokeTraceInfra.class, initArgs = @ResourceArg(name = SmokeTraceInfra.POSTGRES, value = "false"))
class MrtImportCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... arguments) {
        return BgpCollectorCommand.run(List.of(arguments), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aRibDumpBecomesRibRecordsPerMrtPeerAndPathId() {
        String bootstrap = SmokeTraceInfra.kafkaBootstrap();

        int exit = run("mrt-import", "--bootstrap", bootstrap, "--collector-id", "mrt-test",
                TestData.path("mrt/bgpdump/bview.ipv4_unicast_add_path.gz").toString());

        assertThat(exit).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("records/s").contains("100.0%").contains("62 RIB routes");
        try (TopicWatcher topics = new TopicWatcher(bootstrap)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topics.poll().rib().keySet())
                    .anyMatch(key -> key.matches("mrt:[0-9.]+:10\\.0\\.15\\.1\\|10\\.0\\.10\\.0/24\\|36")));
            Map.Entry<String, RibRoute> route = topics.rib().entrySet().stream()
                    .filter(e -> e.getKey().endsWith(":10.0.15.1|10.0.10.0/24|36")).findFirst().orElseThrow();
            assertThat(route.getValue().source()).isEqualTo(RouteSource.MRT);
            assertThat(route.getValue().collectorId()).isEqualTo("mrt-test");
            assertThat(route.getValue().pathId()).isEqualTo(36);
            assertThat(route.getValue().attributes().asPathText()).isEqualTo("65015 65014 65013 65012 65011");
            assertThat(route.getValue().peer().asn()).isEqualTo(65015);
        }
    }

    @Test
    void bgp4mpMessagesBecomeUpdates() {
        String bootstrap = SmokeTraceInfra.kafkaBootstrap();

        assertThat(run("mrt-import", "--bootstrap", bootstrap, TestData.path("mrt/bgpdump/updates.20020722.2238.gz").toString()))
                .isZero();

        try (TopicWatcher topics = new TopicWatcher(bootstrap)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topics.poll().updates()).anySatisfy(update -> {
                assertThat(update.peer().peerId()).endsWith(":193.203.0.81");
                assertThat(update.prefix()).isEqualTo("200.31.199.0/24");
                assertThat(update.action()).isEqualTo(Action.WITHDRAW);
                assertThat(update.source()).isEqualTo(RouteSource.MRT);
            }));
        }
    }

    @Test
    void anUnreachableBrokerIsReportedInsteadOfWaitedFor() {
        assertThat(run("mrt-import", "--bootstrap", "localhost:1",
                TestData.path("mrt/bgpdump/bview.ipv4_unicast_add_path.gz").toString())).isEqualTo(Command.EXIT_BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach Kafka at localhost:1");
    }

    @Test
    void aMissingFileIsBadInput() {
        assertThat(run("mrt-import", "--bootstrap", "localhost:1", "/nonexistent.mrt")).isEqualTo(Command.EXIT_BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }
}
