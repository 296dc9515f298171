package io.smoketrace.bgp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.bgp.TestData;
import io.smoketrace.bgp.it.TopicWatcher;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.PeerState.SessionState;
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
    void aLegacyTableDumpBecomesRibRecordsUnderTheCollectorId() {
        String bootstrap = SmokeTraceInfra.kafkaBootstrap();

        int exit = run("mrt-import", "--bootstrap", bootstrap, "--collector-id", "rrc00-2002",
                TestData.path("mrt/bgpdump/bview.20020722.2337.gz").toString());

        assertThat(exit).isZero();
        // bgpdump -m prints 115521 TABLE_DUMP lines for this file.
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("115521 RIB routes");
        try (TopicWatcher topics = new TopicWatcher(bootstrap)) {
            // TABLE_DUMP|1027381055|B|193.203.0.1|1853|6.1.0.0/16|1853 20965 3549 7170 1455|IGP|193.203.0.1|0|0||NAG||
            String key = "mrt:rrc00-2002:193.203.0.1|6.1.0.0/16";
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(topics.poll().rib()).containsKey(key));
            RibRoute route = topics.rib().get(key);
            assertThat(route.source()).isEqualTo(RouteSource.MRT);
            assertThat(route.peer().asn()).isEqualTo(1853);
            assertThat(route.attributes().asPathText()).isEqualTo("1853 20965 3549 7170 1455");
            assertThat(route.attributes().nextHop()).isEqualTo("193.203.0.1");
            // The entry's originated time (when the peer announced it), before the dump was written (1027381055).
            assertThat(route.firstSeen()).isBefore(java.time.Instant.ofEpochSecond(1027381055))
                    .isAfter(java.time.Instant.parse("2002-07-01T00:00:00Z"));
            assertThat(topics.ribSize("mrt:rrc00-2002:")).isEqualTo(115521);
        }
    }

    @Test
    void stateChangesBecomeImportedPeerStates() {
        String bootstrap = SmokeTraceInfra.kafkaBootstrap();

        assertThat(run("mrt-import", "--bootstrap", bootstrap, "--collector-id", "states-test",
                TestData.path("mrt/bgpdump/updates.20020722.2238.gz").toString())).isZero();

        // bgpdump -m: 93 STATE lines, among them BGP4MP|1027377532|STATE|193.203.0.15|6829|3|2 then |2|3.
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("93 peer state changes");
        try (TopicWatcher topics = new TopicWatcher(bootstrap)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topics.poll().peers().keySet())
                    .anyMatch(key -> key.startsWith("mrt:") && key.endsWith(":193.203.0.15")));
            String peerId = topics.peers().keySet().stream().filter(key -> key.endsWith(":193.203.0.15")).findFirst().orElseThrow();
            List<PeerState> history = topics.peerHistory(peerId).stream()
                    .filter(state -> "states-test".equals(state.collectorId())).toList();
            assertThat(history).extracting(PeerState::state).containsSubsequence(SessionState.CONNECT, SessionState.ACTIVE);
            PeerState connect = history.stream().filter(state -> state.state() == SessionState.CONNECT).findFirst().orElseThrow();
            assertThat(connect.kind()).isEqualTo(PeerState.PeerKind.BGP_SESSION);
            assertThat(connect.peer().asn()).isEqualTo(6829);
            assertThat(connect.since()).isEqualTo(java.time.Instant.ofEpochSecond(1027377532));
            assertThat(connect.reason()).startsWith("imported from MRT file updates.20020722.2238.gz: Active -> Connect")
                    .contains("historical");
            assertThat(connect.updatedAt()).as("published now, about a state of then").isAfter(connect.since());
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
