package io.smoketrace.bgp.speaker;

import io.micrometer.core.instrument.Meter;
import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.OpenMessage;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
import io.smoketrace.bgp.mapping.RouteMapping;
import io.smoketrace.bgp.publish.BgpPublisher;
import io.smoketrace.bgp.rib.AdjRibIn;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.RouteFeed;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.PeerState.PeerKind;
import io.smoketrace.common.bgp.PeerState.SessionState;
import io.smoketrace.common.bgp.RouteSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One configured neighbour: its connections (two at once during a collision), its Adj-RIB-In, and the
 * state published for it. When its established session ends, every route it gave is withdrawn downstream.
 * Methods are synchronized: the two connections of a collision may run on different threads.
 */
public final class BgpNeighbor {

    private static final Logger LOG = Logger.getLogger(BgpNeighbor.class);

    private final NeighborSettings settings;
    private final RouteFeed feed;
    private final BgpPublisher publisher;
    private final BgpMetrics metrics;
    private final Clock clock;
    private final AdjRibIn rib = new AdjRibIn();
    private final List<BgpSession> sessions = new ArrayList<>();
    private BgpSession established;
    private PeerRef peer;
    private SessionState state;
    private Instant since;
    private List<Meter> meters = List.of();

    public BgpNeighbor(NeighborSettings settings, RouteFeed feed, BgpPublisher publisher, BgpMetrics metrics, Clock clock) {
        this.settings = settings;
        this.feed = feed;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.peer = RouteMapping.sessionPeer(settings.address(), settings.remoteAs(), null);
        this.state = SessionState.ACTIVE;
        this.since = clock.instant();
        metrics.sessionState(null, state);
    }

    public NeighborSettings settings() {
        return settings;
    }

    public synchronized SessionState state() {
        return state;
    }

    public synchronized long routes() {
        return rib.size();
    }

    public synchronized boolean hasConnections() {
        return !sessions.isEmpty();
    }

    /** A new connection to this neighbour; call {@link BgpSession#connected()} on it once it is registered. */
    public synchronized BgpSession newSession(SessionTransport transport, SessionScheduler scheduler, boolean outgoing) {
        BgpSession session = new BgpSession(this, transport, scheduler, outgoing);
        sessions.add(session);
        return session;
    }

    synchronized void stateChanged(BgpSession session, SessionState from, SessionState to) {
        SessionState next = sessions.stream().map(BgpSession::state)
                .filter(s -> s != SessionState.IDLE).max(Enum::compareTo).orElse(SessionState.ACTIVE);
        if (next != state && !(to == SessionState.IDLE && session == established)) {
            setState(next, null);
        }
    }

    /**
     * RFC 4271 6.8: with an OPEN received on {@code session}, another connection in OpenConfirm or
     * Established collides with it. An Established one wins; otherwise the connection opened by the
     * speaker with the higher BGP identifier survives. Returns whether {@code session} goes on.
     */
    synchronized boolean resolveCollision(BgpSession session) {
        for (BgpSession other : List.copyOf(sessions)) {
            if (other == session) {
                continue;
            }
            if (other.state() == SessionState.ESTABLISHED) {
                session.stop(collision(), "connection collision: a session is already established");
                return false;
            }
            if (other.state() == SessionState.OPEN_CONFIRM) {
                long local = Integer.toUnsignedLong(toInt(settings.routerId().getAddress()));
                long remote = Integer.toUnsignedLong(toInt(session.receivedOpen().orElseThrow().bgpIdentifier().getAddress()));
                // The connection opened by the higher identifier survives.
                boolean keepOutgoing = local > remote;
                BgpSession loser = session.outgoing() == keepOutgoing ? other : session;
                loser.stop(collision(), "connection collision resolved in favour of the connection opened by "
                        + (keepOutgoing ? "us" : "the peer"));
                return loser != session;
            }
        }
        return true;
    }

    private static int toInt(byte[] address) {
        return (address[0] & 0xFF) << 24 | (address[1] & 0xFF) << 16 | (address[2] & 0xFF) << 8 | address[3] & 0xFF;
    }

    private static NotificationMessage collision() {
        return new NotificationMessage(NotificationMessage.CEASE,
                NotificationMessage.CeaseReason.CONNECTION_COLLISION_RESOLUTION, Octets.EMPTY);
    }

    synchronized void established(BgpSession session) {
        established = session;
        OpenMessage open = session.receivedOpen().orElseThrow();
        peer = RouteMapping.sessionPeer(settings.address(), open.asNumber(), IpAddresses.format(open.bgpIdentifier()));
        meters = metrics.trackPrefixes(peer.peerId(), rib);
        LOG.infof("BGP %s AS%d: session established (hold time %ds, %s)", settings.addressText(), open.asNumber(),
                session.negotiatedHoldTime(), RouteMapping.capabilityNames(open.capabilities()));
        setState(SessionState.ESTABLISHED, "session established");
    }

    synchronized void update(UpdateMessage update) {
        feed.apply(peer, RouteSource.BGP, rib, update, clock.instant());
    }

    synchronized void endOfRib(AfiSafi family) {
        LOG.infof("BGP %s: End-of-RIB for %s, %d routes held", settings.addressText(), RouteMapping.family(family), rib.size());
        publishState(state == SessionState.ESTABLISHED ? "End-of-RIB " + RouteMapping.family(family) : null);
    }

    synchronized void sessionResetError() {
        metrics.decodeError(RouteSource.BGP, "SESSION_RESET");
    }

    synchronized void closed(BgpSession session, SessionState was, String reason) {
        sessions.remove(session);
        if (session != established) {
            LOG.debugf("BGP %s: connection in %s closed: %s", settings.addressText(), was, reason);
            stateChanged(session, was, SessionState.IDLE);
            return;
        }
        established = null;
        int withdrawn = feed.withdrawAll(rib, clock.instant());
        metrics.remove(meters);
        meters = List.of();
        LOG.infof("BGP %s: session down (%s); %d routes withdrawn", settings.addressText(), reason, withdrawn);
        setState(SessionState.IDLE, reason);
        sessions.stream().map(BgpSession::state).filter(s -> s != SessionState.IDLE).max(Enum::compareTo)
                .ifPresent(next -> setState(next, null));
    }

    /** Ends every connection (the collector is stopping). */
    public void shutdown() {
        List<BgpSession> all;
        synchronized (this) {
            all = List.copyOf(sessions);
        }
        for (BgpSession session : all) {
            session.stop(new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.CeaseReason.ADMINISTRATIVE_SHUTDOWN,
                    Octets.EMPTY), "the collector is shutting down");
        }
    }

    private void setState(SessionState next, String reason) {
        metrics.sessionState(state, next);
        state = next;
        since = clock.instant();
        publishState(reason);
    }

    private void publishState(String reason) {
        List<String> capabilities = established == null ? List.of()
                : RouteMapping.capabilityNames(established.receivedOpen().orElseThrow().capabilities());
        Integer holdTime = established == null ? null : established.negotiatedHoldTime();
        publisher.peer(new PeerState(PeerState.FORMAT_VERSION, feed.collectorId(), peer, PeerKind.BGP_SESSION, state, since,
                reason, settings.localAs(), holdTime, capabilities, rib.ipv4Prefixes(), rib.ipv6Prefixes(), clock.instant()));
    }
}
