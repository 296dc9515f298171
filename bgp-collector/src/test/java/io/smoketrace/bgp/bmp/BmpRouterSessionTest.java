package io.smoketrace.bgp.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.OpenMessage;
import io.smoketrace.bgp.codec.bgp.capability.FourOctetAsCapability;
import io.smoketrace.bgp.codec.bmp.PeerDownNotification;
import io.smoketrace.bgp.codec.bmp.PeerHeader;
import io.smoketrace.bgp.codec.bmp.PeerUpNotification;
import io.smoketrace.bgp.codec.bmp.RouteMonitoring;
import io.smoketrace.bgp.publish.RecordingPublisher;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.RouteFeed;
import io.smoketrace.bgp.rib.Updates;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.PeerState.PeerKind;
import io.smoketrace.common.bgp.PeerState.SessionState;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.bgp.RouteUpdate.Action;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BmpRouterSessionTest {

    private static final String ROUTER = "192.0.2.254";
    private static final String PRE = "bmp:192.0.2.254:198.51.100.7:ADJ_RIB_IN_PRE_POLICY";
    private static final String POST = "bmp:192.0.2.254:198.51.100.7:ADJ_RIB_IN_POST_POLICY";

    private final RecordingPublisher published = new RecordingPublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BgpMetrics metrics = new BgpMetrics(registry);
    private final BmpRouterSession session = new BmpRouterSession(ROUTER, new RouteFeed(published, metrics, "collector-1"),
            published, metrics, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));

    private static PeerHeader header(int flags) throws Exception {
        return new PeerHeader(PeerHeader.GLOBAL_INSTANCE_PEER, flags, 0, InetAddress.getByName("198.51.100.7"), 64502,
                (Inet4Address) InetAddress.getByName("198.51.100.7"), 1_795_600_000L, 0);
    }

    private void peerUpWithRoutes() throws Exception {
        OpenMessage open = OpenMessage.of(64502, 90, (Inet4Address) InetAddress.getByName("198.51.100.7"),
                List.of(new FourOctetAsCapability(64502)));
        session.handle(new PeerUpNotification(header(0), InetAddress.getByName("198.51.100.254"), 179, 40000, open, open, List.of()));
        session.handle(new RouteMonitoring(header(0), Updates.announce("198.51.100.7", new long[] {64502, 64510},
                List.of("203.0.113.0/24", "192.0.2.0/24"), Updates.communities(64502, 7))));
        session.handle(new RouteMonitoring(header(PeerHeader.FLAG_POST_POLICY), Updates.announce("198.51.100.7",
                new long[] {64502, 64510}, List.of("203.0.113.0/24"))));
    }

    @Test
    void routeMonitoringKeepsOneRibPerPeerAndView() throws Exception {
        peerUpWithRoutes();

        assertThat(published.rib()).containsOnlyKeys(PRE + "|203.0.113.0/24", PRE + "|192.0.2.0/24", POST + "|203.0.113.0/24");
        assertThat(published.updates).allSatisfy(update -> {
            assertThat(update.source()).isEqualTo(RouteSource.BMP);
            assertThat(update.peer().routerAddress()).isEqualTo(ROUTER);
            assertThat(update.timestamp()).as("the router's timestamp").isEqualTo(Instant.ofEpochSecond(1_795_600_000L));
        });
        PeerState up = published.peers.stream().filter(p -> p.kind() == PeerKind.BMP_PEER).findFirst().orElseThrow();
        assertThat(up.state()).isEqualTo(SessionState.UP);
        assertThat(up.capabilities()).contains("4-octet-as");
        assertThat(registry.get("smoketrace.bgp.prefixes").tag("peer", PRE).tag("family", "ipv4").gauge().value()).isEqualTo(2);
    }

    @Test
    void peerDownWithdrawsEveryViewOfThePeerWithTheDecodedReason() throws Exception {
        peerUpWithRoutes();

        session.handle(new PeerDownNotification(header(0), PeerDownNotification.REMOTE_NOTIFICATION,
                Optional.of(new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.CeaseReason.PEER_DE_CONFIGURED,
                        Octets.EMPTY)), Octets.EMPTY));

        assertThat(published.rib()).isEmpty();
        assertThat(published.tombstones()).isEqualTo(3);
        assertThat(published.updates.stream().filter(u -> u.action() == Action.WITHDRAW)).hasSize(3);
        List<PeerState> down = published.peers.stream().filter(p -> p.state() == SessionState.DOWN).toList();
        assertThat(down).extracting(p -> p.peer().peerId()).containsExactlyInAnyOrder(PRE, POST);
        assertThat(down.getFirst().reason()).isEqualTo("BMP peer down: the peer closed the session with NOTIFICATION cease / peer de-configured");
    }

    @Test
    void aRouterDisconnectWithdrawsEverythingLearnedFromIt() throws Exception {
        peerUpWithRoutes();

        session.close("connection reset");

        assertThat(published.rib()).isEmpty();
        assertThat(published.lastPeerState().kind()).isEqualTo(PeerKind.BMP_ROUTER);
        assertThat(published.lastPeerState().state()).isEqualTo(SessionState.DOWN);
        assertThat(session.routes()).isZero();
    }
}
