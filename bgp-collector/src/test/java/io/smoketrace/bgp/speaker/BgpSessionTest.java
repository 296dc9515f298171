package io.smoketrace.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.BgpMessage;
import io.smoketrace.bgp.codec.bgp.BgpMessageCodec;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.KeepaliveMessage;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.OpenMessage;
import io.smoketrace.bgp.codec.bgp.capability.AddPathCapability;
import io.smoketrace.bgp.codec.bgp.capability.FourOctetAsCapability;
import io.smoketrace.bgp.codec.bgp.capability.GracefulRestartCapability;
import io.smoketrace.bgp.codec.bgp.capability.MultiprotocolCapability;
import io.smoketrace.bgp.codec.bgp.capability.RouteRefreshCapability;
import io.smoketrace.bgp.publish.RecordingPublisher;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.RouteFeed;
import io.smoketrace.bgp.rib.Updates;
import io.smoketrace.common.bgp.PeerState.SessionState;
import io.smoketrace.common.bgp.RouteUpdate.Action;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BgpSessionTest {

    private static final long PEER_AS = 64500;
    private static final long LOCAL_AS = 4200000000L;

    private final RecordingPublisher published = new RecordingPublisher();
    private final BgpMetrics metrics = new BgpMetrics(new SimpleMeterRegistry());
    private final ManualScheduler scheduler = new ManualScheduler();
    private final BgpNeighbor neighbor = neighbor(90, false);

    /** The peer's end of the TCP connection: what we sent, decoded, and whether we closed it. */
    static final class PeerEnd implements SessionTransport {
        final List<BgpMessage> received = new ArrayList<>();
        boolean closed;

        @Override
        public void send(byte[] message) {
            try {
                received.add(BgpMessageCodec.decode(message, DecodeContext.FOUR_OCTET_AS));
            } catch (BgpDecodeException e) {
                throw new AssertionError("we sent a message that does not decode", e);
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        <M extends BgpMessage> List<M> all(Class<M> type) {
            return received.stream().filter(type::isInstance).map(type::cast).toList();
        }

        NotificationMessage notification() {
            return all(NotificationMessage.class).getLast();
        }
    }

    private BgpNeighbor neighbor(int holdTime, boolean addPath) {
        try {
            return new BgpNeighbor(new NeighborSettings(InetAddress.getByName("192.0.2.1"), 179, PEER_AS, LOCAL_AS,
                    (Inet4Address) InetAddress.getByName("198.51.100.254"), holdTime,
                    Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), addPath, true), PeerTimers.DEFAULTS,
                    new RouteFeed(published, metrics, "collector-1"), published, metrics,
                    Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), scheduler, n -> {
                        throw new AssertionError("a passive peer does not connect");
                    });
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static OpenMessage peerOpen(long as, int holdTime, String bgpId) throws Exception {
        return OpenMessage.of(as > 0xFFFF ? OpenMessage.AS_TRANS : (int) as, holdTime, (Inet4Address) InetAddress.getByName(bgpId),
                List.of(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST), new RouteRefreshCapability(),
                        new FourOctetAsCapability(as)));
    }

    static void deliver(BgpSession session, BgpMessage message, DecodeContext context) {
        session.received(ByteBuffer.wrap(BgpMessageCodec.encode(message, context)));
    }

    private BgpSession establish(PeerEnd peer) throws Exception {
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();
        deliver(session, peerOpen(PEER_AS, 90, "192.0.2.1"), DecodeContext.INITIAL);
        deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);
        return session;
    }

    @Test
    void ourOpenOffersFourOctetAsMultiprotocolAndRouteRefreshButNoGracefulRestart() {
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();

        OpenMessage open = peer.all(OpenMessage.class).getFirst();
        assertThat(open.myAs()).isEqualTo(OpenMessage.AS_TRANS);
        assertThat(open.asNumber()).isEqualTo(LOCAL_AS);
        assertThat(open.holdTime()).isEqualTo(90);
        assertThat(open.capabilities(MultiprotocolCapability.class)).extracting(MultiprotocolCapability::afiSafi)
                .containsExactly(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);
        assertThat(open.capability(RouteRefreshCapability.class)).isPresent();
        assertThat(open.capability(GracefulRestartCapability.class)).isEmpty();
        assertThat(open.capability(AddPathCapability.class)).isEmpty();
        assertThat(session.state()).isEqualTo(SessionState.OPEN_SENT);
    }

    @Test
    void addPathReceiveIsOfferedWhenConfigured() {
        PeerEnd peer = new PeerEnd();
        neighbor(90, true).newSession(peer, scheduler, false).connected();

        assertThat(peer.all(OpenMessage.class).getFirst().capability(AddPathCapability.class).orElseThrow().families())
                .allSatisfy(family -> assertThat(family.canReceive() && !family.canSend()).isTrue());
    }

    @Test
    void openAndKeepaliveEstablishTheSession() throws Exception {
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();
        deliver(session, peerOpen(PEER_AS, 30, "192.0.2.1"), DecodeContext.INITIAL);

        assertThat(session.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        assertThat(peer.received.getLast()).isInstanceOf(KeepaliveMessage.class);
        assertThat(session.negotiatedHoldTime()).as("the smaller hold time wins").isEqualTo(30);

        deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);

        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(published.lastPeerState().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(published.lastPeerState().holdTimeSeconds()).isEqualTo(30);
        assertThat(published.lastPeerState().capabilities()).contains("4-octet-as", "route-refresh");
        assertThat(metrics.sessions(SessionState.ESTABLISHED)).isEqualTo(1);
    }

    @Test
    void keepalivesGoOutEveryThirdOfTheHoldTime() throws Exception {
        PeerEnd peer = new PeerEnd();
        BgpSession session = establish(peer);
        int before = peer.all(KeepaliveMessage.class).size();

        scheduler.advance(Duration.ofSeconds(30));
        deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);
        scheduler.advance(Duration.ofSeconds(30));

        assertThat(peer.all(KeepaliveMessage.class)).hasSize(before + 2);
        assertThat(peer.closed).isFalse();
    }

    @Test
    void theHoldTimerExpiresWithoutTrafficAndWithdrawsTheRoutes() throws Exception {
        PeerEnd peer = new PeerEnd();
        BgpSession session = establish(peer);
        deliver(session, Updates.announce("192.0.2.1", new long[] {PEER_AS, 64510}, List.of("203.0.113.0/24", "198.51.100.0/24")),
                DecodeContext.FOUR_OCTET_AS);
        assertThat(published.rib()).hasSize(2);

        scheduler.advance(Duration.ofSeconds(89));
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(peer.notification().code()).isEqualTo(NotificationMessage.HOLD_TIMER_EXPIRED);
        assertThat(peer.closed).isTrue();
        assertThat(session.state()).isEqualTo(SessionState.IDLE);
        assertThat(published.rib()).as("every route of the peer is tombstoned").isEmpty();
        assertThat(published.updates.stream().filter(u -> u.action() == Action.WITHDRAW)).hasSize(2);
        assertThat(published.lastPeerState().state()).isEqualTo(SessionState.IDLE);
        assertThat(published.lastPeerState().reason()).contains("hold timer expired");
        assertThat(scheduler.activeTimers()).isZero();
    }

    @Test
    void trafficRestartsTheHoldTimer() throws Exception {
        PeerEnd peer = new PeerEnd();
        BgpSession session = establish(peer);

        for (int i = 0; i < 5; i++) {
            scheduler.advance(Duration.ofSeconds(60));
            deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);
        }

        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(peer.all(NotificationMessage.class)).isEmpty();
    }

    @Test
    void withoutTheirOpenTheLargeHoldTimerEndsTheConnection() {
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();

        scheduler.advance(BgpSession.OPEN_HOLD_TIME);

        assertThat(peer.notification().code()).isEqualTo(NotificationMessage.HOLD_TIMER_EXPIRED);
        assertThat(session.state()).isEqualTo(SessionState.IDLE);
    }

    @Test
    void aZeroHoldTimeRunsNoTimers() throws Exception {
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();
        deliver(session, peerOpen(PEER_AS, 0, "192.0.2.1"), DecodeContext.INITIAL);
        deliver(session, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);

        scheduler.advance(Duration.ofDays(1));

        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(scheduler.activeTimers()).isZero();
    }

    @Test
    void aWrongPeerAsIsRefusedWithBadPeerAs() throws Exception {
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();

        deliver(session, peerOpen(64999, 90, "192.0.2.1"), DecodeContext.INITIAL);

        assertThat(peer.notification().code()).isEqualTo(NotificationMessage.OPEN_MESSAGE_ERROR);
        assertThat(peer.notification().subcode()).isEqualTo(NotificationMessage.OpenError.BAD_PEER_AS);
        assertThat(peer.closed).isTrue();
        assertThat(session.state()).isEqualTo(SessionState.IDLE);
    }

    @Test
    void aMalformedOpenIsAnsweredWithTheCodecsNotification() {
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();
        byte[] open = BgpMessageCodec.encode(OpenMessage.of(64500, 90, ipv4("192.0.2.1"), List.of()), DecodeContext.INITIAL);
        open[19] = 3; // BGP version 3

        session.received(ByteBuffer.wrap(open));

        assertThat(peer.notification().code()).isEqualTo(NotificationMessage.OPEN_MESSAGE_ERROR);
        assertThat(peer.notification().subcode()).isEqualTo(NotificationMessage.OpenError.UNSUPPORTED_VERSION_NUMBER);
        assertThat(peer.closed).isTrue();
    }

    @Test
    void aBrokenHeaderIsAMessageHeaderError() throws Exception {
        PeerEnd peer = new PeerEnd();
        BgpSession session = establish(peer);
        byte[] garbage = new byte[19];

        session.received(ByteBuffer.wrap(garbage));

        assertThat(peer.notification().code()).isEqualTo(NotificationMessage.MESSAGE_HEADER_ERROR);
        assertThat(session.state()).isEqualTo(SessionState.IDLE);
    }

    @Test
    void anUpdateBeforeEstablishedIsAnFsmError() {
        PeerEnd peer = new PeerEnd();
        BgpSession session = neighbor.newSession(peer, scheduler, false);
        session.connected();

        deliver(session, Updates.withdraw("203.0.113.0/24"), DecodeContext.INITIAL);

        assertThat(peer.notification().code()).isEqualTo(NotificationMessage.FSM_ERROR);
        assertThat(peer.notification().subcode()).isEqualTo(1);
    }

    @Test
    void aNotificationFromThePeerEndsTheSessionAndSaysWhy() throws Exception {
        PeerEnd peer = new PeerEnd();
        BgpSession session = establish(peer);

        deliver(session, new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.CeaseReason.ADMINISTRATIVE_SHUTDOWN,
                io.smoketrace.bgp.codec.Octets.fromHex("056d61696e74")), DecodeContext.FOUR_OCTET_AS);

        assertThat(session.state()).isEqualTo(SessionState.IDLE);
        assertThat(peer.all(NotificationMessage.class)).as("a NOTIFICATION is not answered").isEmpty();
        assertThat(published.lastPeerState().reason()).contains("cease / administrative shutdown: \"maint\"");
    }

    @Test
    void aCollisionKeepsTheConnectionOpenedByTheHigherIdentifier() throws Exception {
        // Our identifier 198.51.100.254 is higher than the peer's 192.0.2.1: our outgoing connection survives.
        PeerEnd incomingPeer = new PeerEnd();
        PeerEnd outgoingPeer = new PeerEnd();
        BgpSession incoming = neighbor.newSession(incomingPeer, scheduler, false);
        BgpSession outgoing = neighbor.newSession(outgoingPeer, scheduler, true);
        incoming.connected();
        outgoing.connected();

        deliver(incoming, peerOpen(PEER_AS, 90, "192.0.2.1"), DecodeContext.INITIAL);
        deliver(outgoing, peerOpen(PEER_AS, 90, "192.0.2.1"), DecodeContext.INITIAL);

        assertThat(incoming.state()).isEqualTo(SessionState.IDLE);
        assertThat(incomingPeer.notification().code()).isEqualTo(NotificationMessage.CEASE);
        assertThat(incomingPeer.notification().subcode()).isEqualTo(NotificationMessage.CeaseReason.CONNECTION_COLLISION_RESOLUTION);
        assertThat(outgoing.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        deliver(outgoing, KeepaliveMessage.INSTANCE, DecodeContext.FOUR_OCTET_AS);
        assertThat(outgoing.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void aCollisionWithAHigherPeerIdentifierKeepsThePeersConnection() throws Exception {
        PeerEnd incomingPeer = new PeerEnd();
        PeerEnd outgoingPeer = new PeerEnd();
        BgpSession incoming = neighbor.newSession(incomingPeer, scheduler, false);
        BgpSession outgoing = neighbor.newSession(outgoingPeer, scheduler, true);
        incoming.connected();
        outgoing.connected();

        deliver(incoming, peerOpen(PEER_AS, 90, "203.0.113.1"), DecodeContext.INITIAL);
        deliver(outgoing, peerOpen(PEER_AS, 90, "203.0.113.1"), DecodeContext.INITIAL);

        assertThat(outgoing.state()).isEqualTo(SessionState.IDLE);
        assertThat(outgoingPeer.notification().subcode()).isEqualTo(NotificationMessage.CeaseReason.CONNECTION_COLLISION_RESOLUTION);
        assertThat(incoming.state()).isEqualTo(SessionState.OPEN_CONFIRM);
    }

    @Test
    void aSecondConnectionWhileEstablishedIsRefused() throws Exception {
        establish(new PeerEnd());
        PeerEnd second = new PeerEnd();
        BgpSession late = neighbor.newSession(second, scheduler, false);
        late.connected();

        deliver(late, peerOpen(PEER_AS, 90, "192.0.2.1"), DecodeContext.INITIAL);

        assertThat(late.state()).isEqualTo(SessionState.IDLE);
        assertThat(second.notification().code()).isEqualTo(NotificationMessage.CEASE);
        assertThat(neighbor.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    private static Inet4Address ipv4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
