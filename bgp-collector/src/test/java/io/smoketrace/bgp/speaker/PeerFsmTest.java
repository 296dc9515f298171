package io.smoketrace.bgp.speaker;

import static io.smoketrace.bgp.speaker.BgpSessionTest.deliver;
import static io.smoketrace.bgp.speaker.BgpSessionTest.peerOpen;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.KeepaliveMessage;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.OpenMessage;
import io.smoketrace.bgp.publish.RecordingPublisher;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.RouteFeed;
import io.smoketrace.bgp.rib.Updates;
import io.smoketrace.bgp.speaker.BgpSessionTest.PeerEnd;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.PeerState.SessionState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The peer FSM of RFC 4271 8.2.2 around the connections: Idle, Connect, Active with the ConnectRetryTimer,
 * DampPeerOscillations (IdleHoldTime doubling after each session end), DelayOpen, and the state the
 * peers topic and metrics show. Driven by a manual clock and in-memory connections.
 */
class PeerFsmTest {

    private static final long PEER_AS = 64500;
    private static final String PEER_ID = "bgp:192.0.2.1";

    private final RecordingPublisher published = new RecordingPublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BgpMetrics metrics = new BgpMetrics(registry);
    private final ManualScheduler scheduler = new ManualScheduler();
    private int connectAttempts;

    private BgpNeighbor neighbor(boolean passive, int delayOpen, boolean damp, PeerTimers timers) throws Exception {
        return new BgpNeighbor(new NeighborSettings(InetAddress.getByName("192.0.2.1"), 179, PEER_AS, 65000,
                (Inet4Address) InetAddress.getByName("198.51.100.254"), 90, Set.of(AfiSafi.IPV4_UNICAST), false, passive,
                delayOpen, damp), timers, new RouteFeed(published, metrics, "collector-1"), published, metrics,
                Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), scheduler, n -> connectAttempts++);
    }

    private BgpNeighbor passive() throws Exception {
        return neighbor(true, 0, true, new PeerTimers(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(15)));
    }

    private double peerStateMetric() {
        return registry.get("smoketrace.bgp.peer.state").tag("peer", PEER_ID).gauge().value();
    }

    private BgpSession establish(BgpNeighbor neighbor, PeerEnd peer, boolean outgoing) throws Exception {
        BgpSession session = neighbor.newSession(peer, scheduler, outgoing);
        session.connected();
        deliver(session, peerOpen(PEER_AS, 90, "192.0.2.1"), DecodeContext.INITIAL);
        deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        return session;
    }

    private static void ceaseFromPeer(BgpSession session) {
        deliver(session, new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.CeaseReason.ADMINISTRATIVE_RESET,
                Octets.EMPTY), DecodeContext.FOUR_OCTET_AS);
    }

    @Test
    void aPassivePeerWaitsInActiveAndShowsIt() throws Exception {
        BgpNeighbor neighbor = passive();
        assertThat(neighbor.state()).isEqualTo(SessionState.IDLE);
        assertThat(neighbor.acceptsConnection()).as("Idle refuses connections").isFalse();
        assertThat(peerStateMetric()).isEqualTo(1.0);

        neighbor.start();

        assertThat(neighbor.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(neighbor.acceptsConnection()).isTrue();
        assertThat(published.lastPeerState().state()).isEqualTo(SessionState.ACTIVE);
        assertThat(published.lastPeerState().reason()).contains("waiting for the peer to connect");
        assertThat(peerStateMetric()).isEqualTo(3.0);
        assertThat(connectAttempts).isZero();
    }

    @Test
    void anActivePeerConnectsFallsBackToActiveAndRetriesOnTheConnectRetryTimer() throws Exception {
        BgpNeighbor neighbor = neighbor(false, 0, true, new PeerTimers(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(300)));

        neighbor.start();
        assertThat(neighbor.state()).isEqualTo(SessionState.CONNECT);
        assertThat(connectAttempts).isEqualTo(1);
        assertThat(peerStateMetric()).isEqualTo(2.0);

        neighbor.connectFailed("Connection refused");
        assertThat(neighbor.state()).as("a failed TCP attempt: Connect -> Active").isEqualTo(SessionState.ACTIVE);
        assertThat(published.lastPeerState().reason()).contains("Connection refused").contains("next attempt in 30 s");
        assertThat(neighbor.acceptsConnection()).as("Active still accepts the peer's connection").isTrue();

        scheduler.advance(Duration.ofSeconds(29));
        assertThat(connectAttempts).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(neighbor.state()).as("ConnectRetryTimer expired: Active -> Connect").isEqualTo(SessionState.CONNECT);
        assertThat(connectAttempts).isEqualTo(2);

        // This time TCP comes up: OPEN goes out, the ConnectRetryTimer stops.
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, true);
        session.connected();
        assertThat(neighbor.state()).isEqualTo(SessionState.OPEN_SENT);
        assertThat(peer.all(OpenMessage.class)).hasSize(1);
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(connectAttempts).as("no attempt while a connection carries the OPEN exchange").isEqualTo(2);

        deliver(session, peerOpen(PEER_AS, 90, "192.0.2.1"), DecodeContext.INITIAL);
        assertThat(neighbor.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);
        assertThat(neighbor.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(peerStateMetric()).isEqualTo(6.0);
        assertThat(published.peers).extracting(PeerState::state).containsSubsequence(SessionState.CONNECT, SessionState.ACTIVE,
                SessionState.CONNECT, SessionState.OPEN_SENT, SessionState.OPEN_CONFIRM, SessionState.ESTABLISHED);
    }

    @Test
    void afterASessionEndsThePeerStaysIdleForADoublingIdleHoldTime() throws Exception {
        BgpNeighbor neighbor = passive();
        neighbor.start();
        BgpSession session = establish(neighbor, new PeerEnd(), false);
        deliver(session, Updates.announce("192.0.2.1", new long[] {PEER_AS}, List.of("203.0.113.0/24")), DecodeContext.FOUR_OCTET_AS);

        ceaseFromPeer(session);

        assertThat(neighbor.state()).isEqualTo(SessionState.IDLE);
        assertThat(published.rib()).as("the routes are withdrawn at once").isEmpty();
        assertThat(published.lastPeerState().reason()).contains("administrative reset").contains("Idle for 5 s (IdleHoldTime)");
        assertThat(neighbor.acceptsConnection()).isFalse();
        assertThat(neighbor.refusal()).contains("IdleHoldTime");

        // 5 s, then 10 s, then the 15 s maximum.
        for (int hold : new int[] {5, 10, 15, 15}) {
            scheduler.advance(Duration.ofSeconds(hold - 1));
            assertThat(neighbor.state()).as("still Idle 1 s before the %d s IdleHoldTime ends", hold).isEqualTo(SessionState.IDLE);
            scheduler.advance(Duration.ofSeconds(1));
            assertThat(neighbor.state()).isEqualTo(SessionState.ACTIVE);
            assertThat(neighbor.acceptsConnection()).isTrue();
            assertThat(published.lastPeerState().reason()).contains("IdleHoldTime over").contains("administrative reset");
            ceaseFromPeer(establish(neighbor, new PeerEnd(), false));
            assertThat(neighbor.state()).isEqualTo(SessionState.IDLE);
        }
    }

    @Test
    void aSessionThatStaysUpResetsTheBackOff() throws Exception {
        BgpNeighbor neighbor = passive();
        neighbor.start();
        ceaseFromPeer(establish(neighbor, new PeerEnd(), false));
        scheduler.advance(Duration.ofSeconds(5));
        PeerEnd peer = new PeerEnd();
        BgpSession stable = establish(neighbor, peer, false);

        // Up for the longest IdleHoldTime (15 s here), keepalives flowing both ways.
        for (int i = 0; i < 3; i++) {
            scheduler.advance(Duration.ofSeconds(5));
            deliver(stable, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);
        }
        ceaseFromPeer(stable);

        assertThat(published.lastPeerState().reason()).contains("Idle for 5 s");
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(neighbor.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void withoutDampingThePeerIsBackInActiveAtOnce() throws Exception {
        BgpNeighbor neighbor = neighbor(true, 0, false, PeerTimers.DEFAULTS);
        neighbor.start();

        ceaseFromPeer(establish(neighbor, new PeerEnd(), false));

        assertThat(published.peers).extracting(PeerState::state).endsWith(SessionState.ESTABLISHED, SessionState.IDLE,
                SessionState.ACTIVE);
        assertThat(neighbor.acceptsConnection()).isTrue();
    }

    @Test
    void aFailedOpenExchangeAlsoCountsAsASessionEnd() throws Exception {
        BgpNeighbor neighbor = passive();
        neighbor.start();
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();

        deliver(session, peerOpen(64999, 90, "192.0.2.1"), DecodeContext.INITIAL);

        assertThat(peer.notification().subcode()).isEqualTo(NotificationMessage.OpenError.BAD_PEER_AS);
        assertThat(neighbor.state()).isEqualTo(SessionState.IDLE);
        assertThat(published.lastPeerState().reason()).contains("AS64999").contains("IdleHoldTime");
    }

    @Test
    void delayOpenWaitsForThePeersOpenAndAnswersWithOursAndAKeepalive() throws Exception {
        BgpNeighbor neighbor = neighbor(true, 10, true, PeerTimers.DEFAULTS);
        neighbor.start();
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();

        assertThat(peer.received).as("nothing sent while the DelayOpenTimer runs").isEmpty();
        assertThat(session.state()).isEqualTo(SessionState.ACTIVE);

        deliver(session, peerOpen(PEER_AS, 90, "192.0.2.1"), DecodeContext.INITIAL);

        assertThat(peer.received).hasSize(2);
        assertThat(peer.received.get(0)).isInstanceOf(OpenMessage.class);
        assertThat(peer.received.get(1)).isInstanceOf(KeepaliveMessage.class);
        assertThat(session.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);
        assertThat(neighbor.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void delayOpenSendsOurOpenWhenTheTimerExpires() throws Exception {
        BgpNeighbor neighbor = neighbor(false, 10, true, PeerTimers.DEFAULTS);
        neighbor.start();
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, true);
        session.connected();
        assertThat(session.state()).as("our connection, DelayOpenTimer running").isEqualTo(SessionState.CONNECT);

        scheduler.advance(Duration.ofSeconds(9));
        assertThat(peer.received).isEmpty();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(peer.all(OpenMessage.class)).hasSize(1);
        assertThat(session.state()).isEqualTo(SessionState.OPEN_SENT);
    }

    @Test
    void anythingButOpenOrNotificationDuringDelayOpenIsAnFsmError() throws Exception {
        BgpNeighbor neighbor = neighbor(true, 10, true, PeerTimers.DEFAULTS);
        neighbor.start();
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();

        deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.INITIAL);

        assertThat(peer.notification().code()).isEqualTo(NotificationMessage.FSM_ERROR);
        assertThat(peer.notification().subcode()).isZero();
        assertThat(session.state()).isEqualTo(SessionState.IDLE);
        assertThat(peer.closed).isTrue();
    }

    @Test
    void whileReadingIsPausedTheHoldTimerWaitsAndOurKeepalivesGoOn() throws Exception {
        BgpNeighbor neighbor = passive();
        neighbor.start();
        PeerEnd peer = new PeerEnd();
        BgpSession session = establish(neighbor, peer, false);
        int keepalives = peer.all(KeepaliveMessage.class).size();

        session.pauseReading();
        scheduler.advance(Duration.ofSeconds(270));

        assertThat(session.state()).as("three hold times without reading").isEqualTo(SessionState.ESTABLISHED);
        assertThat(peer.all(KeepaliveMessage.class)).as("one KEEPALIVE every 30 s").hasSize(keepalives + 9);

        session.resumeReading();
        scheduler.advance(Duration.ofSeconds(89));
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(session.state()).as("the hold timer runs again after resuming").isEqualTo(SessionState.IDLE);
        assertThat(peer.notification().code()).isEqualTo(NotificationMessage.HOLD_TIMER_EXPIRED);
    }

    /** FRR without graceful restart sends no End-of-RIB: the counts must not stay at what they were when the session came up. */
    @Test
    void prefixCountsAreRepublishedAfterRoutesArriveWithoutEndOfRib() throws Exception {
        BgpNeighbor neighbor = passive();
        neighbor.start();
        BgpSession session = establish(neighbor, new PeerEnd(), false);
        assertThat(published.lastPeerState().ipv4Prefixes()).isZero();
        int statesBefore = published.peers.size();

        deliver(session, Updates.announce("192.0.2.1", new long[] {PEER_AS}, List.of("203.0.113.0/24", "198.51.100.0/24")),
                DecodeContext.FOUR_OCTET_AS);
        deliver(session, Updates.announce("192.0.2.1", new long[] {PEER_AS}, List.of("192.0.2.0/25")), DecodeContext.FOUR_OCTET_AS);
        assertThat(published.peers).as("not on every update").hasSize(statesBefore);

        scheduler.advance(BgpNeighbor.COUNTS_REFRESH);

        assertThat(published.peers).as("once for both updates").hasSize(statesBefore + 1);
        PeerState counted = published.lastPeerState();
        assertThat(counted.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(counted.ipv4Prefixes()).isEqualTo(3);
        assertThat(counted.reason()).isEqualTo("session established");
    }

    @Test
    void shutdownLeavesThePeerIdleWithNoTimers() throws Exception {
        BgpNeighbor neighbor = neighbor(false, 0, true, PeerTimers.DEFAULTS);
        neighbor.start();
        neighbor.connectFailed("No route to host");

        neighbor.shutdown();

        assertThat(neighbor.state()).isEqualTo(SessionState.IDLE);
        assertThat(published.lastPeerState().reason()).contains("shutting down");
        assertThat(scheduler.activeTimers()).isZero();
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(connectAttempts).isEqualTo(1);
    }
}
