package io.smoketrace.bgp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.PeerState.SessionState;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.bgp.RouteUpdate.Action;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.infra.SmokeTraceInfra;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real routing daemons against the running collector and a real Kafka broker: BIRD and gobgpd peer
 * with the speaker, FRR streams BMP to the station; what they announce must appear on the RIB topic
 * with the right AS paths and communities, and what they stop announcing must be tombstoned.
 */
@QuarkusTest
@TestProfile(RoutingDaemonsTest.Peers.class)
@QuarkusTestResource(value = SmokeTraceInfra.class, initArgs = @ResourceArg(name = SmokeTraceInfra.POSTGRES, value = "false"))
class RoutingDaemonsTest {

    static final int BGP_PORT = 21179;
    static final int BMP_PORT = 21019;
    private static final String BIRD = "bgp:198.18.1.2";
    private static final String GOBGP = "bgp:198.18.2.2";
    private static final String BIRD6 = "bgp:2001:db8:5b:1::2";
    /** FRR reports its session with BIRD; the router is FRR's address towards the collector. */
    private static final String FRR_PRE = "bmp:198.18.3.2:198.18.13.1:ADJ_RIB_IN_PRE_POLICY";
    private static final String FRR_POST = "bmp:198.18.3.2:198.18.13.1:ADJ_RIB_IN_POST_POLICY";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** BIRD (over IPv4 and IPv6) and gobgpd (active: we connect) as configured peers; the speaker listens dual-stack. */
    public static class Peers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "smoketrace.bgp.speaker.port", String.valueOf(BGP_PORT),
                    "smoketrace.bgp.bmp.port", String.valueOf(BMP_PORT),
                    // IPv4 peers still connect to "::" and are still matched by their IPv4 address.
                    "smoketrace.bgp.speaker.host", "::",
                    "smoketrace.bgp.speaker.connect-retry-seconds", "2"));
            peer(config, 0, "198.18.1.2", 64601, "198.18.1.1");
            peer(config, 1, "198.18.2.2", 64602, "198.18.2.1");
            // gobgpd only listens: the collector connects to it.
            config.put("smoketrace.bgp.peers[1].passive", "false");
            peer(config, 2, "2001:db8:5b:1::2", 64601, "198.18.1.1");
            return config;
        }

        private static void peer(Map<String, String> config, int index, String address, long remoteAs, String routerId) {
            String key = "smoketrace.bgp.peers[" + index + "].";
            config.put(key + "address", address);
            config.put(key + "remote-as", String.valueOf(remoteAs));
            config.put(key + "local-as", "65000");
            config.put(key + "router-id", routerId);
        }
    }

    private static TestNetwork network;
    private static TopicWatcher topics;

    @BeforeAll
    static void startDaemons() throws Exception {
        TestNetwork.assumeAvailable();
        topics = new TopicWatcher(SmokeTraceInfra.kafkaBootstrap());
        network = TestNetwork.up(BGP_PORT, BMP_PORT, null);
    }

    @AfterAll
    static void stopDaemons() throws Exception {
        if (network != null) {
            network.close();
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void announcedRoutesReachTheRibAndAStoppedPeerIsWithdrawn() throws Exception {
        network.gobgp("global", "rib", "add", "198.51.100.0/24", "community", "64602:7", "-a", "ipv4");

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, RibRoute> rib = topics.poll().rib();
            assertThat(rib).containsKeys(BIRD + "|203.0.113.0/24", BIRD + "|192.0.2.128/25",
                    GOBGP + "|198.51.100.0/24", FRR_PRE + "|203.0.113.0/24", FRR_POST + "|192.0.2.128/25",
                    BIRD6 + "|2001:db8:5b00::/40");
        });
        Map<String, RibRoute> rib = topics.rib();
        RibRoute fromBird = rib.get(BIRD + "|203.0.113.0/24");
        assertThat(fromBird.source()).isEqualTo(RouteSource.BGP);
        assertThat(fromBird.attributes().asPathText()).isEqualTo("64601");
        assertThat(fromBird.attributes().originAs()).isEqualTo(64601L);
        assertThat(fromBird.attributes().nextHop()).isEqualTo("198.18.1.2");
        assertThat(fromBird.attributes().communities()).containsExactly("64601:100");
        assertThat(fromBird.attributes().largeCommunities()).containsExactly("64601:1:2");
        RibRoute overIpv6 = rib.get(BIRD6 + "|2001:db8:5b00::/40");
        assertThat(overIpv6.attributes().nextHop()).isEqualTo("2001:db8:5b:1::2");
        assertThat(overIpv6.attributes().largeCommunities()).containsExactly("64601:6:6");
        RibRoute fromGobgp = rib.get(GOBGP + "|198.51.100.0/24");
        assertThat(fromGobgp.attributes().asPathText()).isEqualTo("64602");
        assertThat(fromGobgp.attributes().communities()).containsExactly("64602:7");
        RibRoute viaBmp = rib.get(FRR_PRE + "|203.0.113.0/24");
        assertThat(viaBmp.source()).isEqualTo(RouteSource.BMP);
        assertThat(viaBmp.peer().routerAddress()).isEqualTo("198.18.3.2");
        assertThat(viaBmp.peer().asn()).isEqualTo(64601);
        // FRR 8.4 encodes monitored routes as it would advertise them, its own AS prepended: the path ends at BIRD.
        assertThat(viaBmp.attributes().asPathText()).endsWith("64601");
        assertThat(viaBmp.attributes().originAs()).isEqualTo(64601L);
        assertThat(topics.peers().get(BIRD).state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(topics.peers().get(FRR_PRE).state()).isEqualTo(SessionState.UP);
        assertThat(topics.ceType(Topics.BGP_RIB)).isEqualTo("io.smoketrace.bgp.rib.v1");
        assertThat(topics.ceType(Topics.BGP_UPDATES)).isEqualTo("io.smoketrace.bgp.update.v1");
        assertThat(topics.ceType(Topics.BGP_PEERS)).isEqualTo("io.smoketrace.bgp.peer.v1");

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("smoketrace_bgp_sessions{state=\"ESTABLISHED\"} 3.0"))
                .body(containsString("smoketrace_bgp_peer_state{peer=\"" + BIRD + "\"} 6.0"))
                .body(containsString("smoketrace_bgp_connections_paused{source=\"BGP\"} 0.0"))
                .body(containsString("smoketrace_bgp_prefixes{family=\"ipv4\",peer=\"" + BIRD + "\"} 2.0"))
                .body(containsString("smoketrace_bgp_bmp_routers_connected 1.0"))
                .body(containsString("smoketrace_bgp_updates_total{action=\"ANNOUNCE\",source=\"BGP\"}"));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("kafka-publisher"));

        network.gobgp("global", "rib", "del", "198.51.100.0/24", "-a", "ipv4");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(topics.poll().rib()).doesNotContainKey(GOBGP + "|198.51.100.0/24");
            assertThat(topics.tombstoned(GOBGP + "|198.51.100.0/24")).isTrue();
        });
        assertThat(topics.updates()).anySatisfy(update -> {
            assertThat(update.peer().peerId()).isEqualTo(GOBGP);
            assertThat(update.prefix()).isEqualTo("198.51.100.0/24");
            assertThat(update.action()).isEqualTo(Action.WITHDRAW);
        });

        network.stopBird();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            topics.poll();
            assertThat(topics.ribSize(BIRD + "|")).as("the session's routes").isZero();
            assertThat(topics.ribSize(BIRD6 + "|")).isZero();
            assertThat(topics.ribSize(FRR_PRE + "|")).as("FRR's BMP view of its BIRD session").isZero();
            assertThat(topics.ribSize(FRR_POST + "|")).isZero();
        });
        assertThat(topics.tombstoned(BIRD + "|203.0.113.0/24")).isTrue();
        assertThat(topics.tombstoned(FRR_PRE + "|203.0.113.0/24")).isTrue();
        // The session ended: Idle for the IdleHoldTime (peer oscillation damping), then Active, waiting for BIRD again.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(topics.poll().peers().get(BIRD).state()).isEqualTo(SessionState.ACTIVE));
        assertThat(topics.peerHistory(BIRD)).extracting(PeerState::state).containsSubsequence(SessionState.ESTABLISHED,
                SessionState.IDLE, SessionState.ACTIVE);
        assertThat(topics.peerHistory(BIRD)).anySatisfy(state -> {
            assertThat(state.state()).isEqualTo(SessionState.IDLE);
            assertThat(state.reason()).contains("cease").contains("IdleHoldTime");
        });
        assertThat(topics.peers().get(BIRD).reason()).contains("IdleHoldTime over").contains("cease");
        assertThat(topics.peers().get(FRR_PRE).state()).isEqualTo(SessionState.DOWN);
        assertThat(topics.peers().get(FRR_PRE).reason()).startsWith("BMP peer down");
    }

    @Test
    void anUnknownPeerIsRefused() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", BGP_PORT), 5000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the collector closes the connection without an OPEN").isEqualTo(-1);
        }
    }
}
